"""Doing a practice block of a lesson: runs, checking choices, the state a learner sees, completion, statistics.

Checking happens here only, against the lesson's *source* page (``LessonPage.objects.source_of``): keys,
outcomes, fake-or-real and fees come from its practice blocks; texts from the lesson in the reader's language.

Signed-in learners get a ``PracticeRun`` per block with one ``PracticeChoice`` per step (unique constraint).
A course is complete only when every practice block in its live lessons has a completed run (the
``COMPLETION_CHECK`` seam). Anonymous visitors practise in their session only; nothing is written to the
practice tables.

Nothing a learner types into a fake form is sent: those inputs have no ``name``. Only choices are stored.
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lessons import services as lesson_services
from lessons.models import LessonPage
from lessons.session_records import SessionRecord

from .activities import activities_of, by_key, translated
from .models import PracticeChoice, PracticeRun

SESSION_KEY = "practice_runs"
MAX_PRICE = Decimal("1000000")


class PracticeError(Exception):
    """Bad input or a forbidden action: a translated message and the HTTP status to answer with."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass(frozen=True)
class Choice:
    step_key: str
    choice: str
    reason: str
    right: bool


class SessionRun(SessionRecord):
    """An anonymous visitor's run at one activity, kept in the session only. Same interface as ``DbRun``."""

    session_key = SESSION_KEY
    fresh_state = {"choices": []}

    def __init__(self, session, page, activity_key):
        super().__init__(session, f"{page.pk}:{activity_key}")

    @property
    def choices(self):
        return [Choice(*row) for row in (self._state or {}).get("choices", [])]

    def add(self, step_key, choice, reason, right):
        if not self.started:
            self.restart()
        rows = self._state["choices"]
        for row in rows:
            if row[0] == step_key:
                return Choice(*row), False
        rows.append([step_key, choice, reason, right])
        self.session.modified = True
        return Choice(step_key, choice, reason, right), True

    def finish(self, right, total):
        self._finish(right=right, total=total)
        return True


_UNKNOWN = object()


class DbRun:
    """A signed-in learner's run at one activity: the open ``PracticeRun``, else the last completed one."""

    def __init__(self, user, page, activity, latest=_UNKNOWN, choices=None):
        self.user, self.page, self.activity = user, page, activity
        if latest is _UNKNOWN:
            latest = (
                PracticeRun.objects.filter(user=user, lesson=page, activity_key=activity.key).order_by("-pk").first()
            )
        # A run closed by "practise again" before its end is history: the learner starts afresh.
        self.run = None if latest and latest.finished_at and not latest.completed else latest
        self._choices = choices if self.run is not None else None

    @property
    def started(self):
        return self.run is not None

    @property
    def finished(self):
        return bool(self.run and self.run.completed)

    @property
    def choices(self):
        if self.run is None:
            return []
        if self._choices is None:
            rows = self.run.choices.order_by("pk").values_list("step_key", "choice", "reason", "right")
            self._choices = [Choice(*row) for row in rows]
        return self._choices

    def _open(self, fresh=False):
        """The open run, opened now if needed; ``fresh`` (practise again) never takes a finished run."""
        if self.run is not None and self.run.finished_at is None:
            return self.run
        known = self.run.pk if self.run is not None else None
        with transaction.atomic():
            # One request at a time opens a learner's run (the learner's row is the lock): a double tap waits
            # here, then takes the run the other request opened, even if that one already finished it.
            list(get_user_model().objects.select_for_update().filter(pk=self.user.pk).values_list("pk", flat=True))
            runs = PracticeRun.objects.filter(user=self.user, lesson=self.page, activity_key=self.activity.key)
            latest = runs.order_by("-pk").first()
            taken = latest is not None and (
                latest.finished_at is None or (not fresh and latest.completed and latest.pk != known)
            )
            if taken:
                self.run = latest
            else:
                self.run = PracticeRun.objects.create(
                    user=self.user, lesson=self.page, activity_key=self.activity.key, kind=self.activity.kind
                )
        self._choices = None
        return self.run

    def add(self, step_key, choice, reason, right):
        run = self._open()
        try:
            with transaction.atomic():
                PracticeChoice.objects.create(run=run, step_key=step_key, choice=choice, reason=reason, right=right)
        except IntegrityError:
            stored = PracticeChoice.objects.get(run=run, step_key=step_key)
            self._choices = None
            return Choice(stored.step_key, stored.choice, stored.reason, stored.right), False
        self._choices = None
        return Choice(step_key, choice, reason, right), True

    def finish(self, right, total):
        """Finish once: a concurrent request that also reached the end finds the run already finished."""
        updated = PracticeRun.objects.filter(pk=self.run.pk, finished_at__isnull=True).update(
            finished_at=timezone.now(), completed=True, right=right, total=total
        )
        self.run.refresh_from_db()
        return bool(updated)

    def restart(self):
        """Close the open run (kept for the statistics) and open a new, empty one."""
        PracticeRun.objects.filter(
            user=self.user, lesson=self.page, activity_key=self.activity.key, finished_at__isnull=True
        ).update(finished_at=timezone.now())
        self.run = None
        self._open(fresh=True)


def run_for(request, page, activity):
    """The requesting learner's run at ``activity`` of ``page`` (source page)."""
    if request.user.is_authenticated:
        return DbRun(request.user, page, activity)
    return SessionRun(request.session, page, activity.key)


def live_practice(page_id):
    """``(lesson, source)``: the published lesson with this id (any language) and its source page."""
    page = LessonPage.objects.live().filter(pk=page_id).first()
    if page is None:
        raise PracticeError(_("This practice is not published."), status=404)
    return page, LessonPage.objects.source_of(page)


def activity_of(source, key):
    activity = activities_of(source).get(str(key))
    if activity is None:
        raise PracticeError(_("This activity is not part of the practice."), status=404)
    return activity


# ---- the current position in each kind of activity --------------------------------------------------------


def simulator_path(activity, choices):
    """``([(step, choice)], current step or None)``: the path taken so far and the step to answer now."""
    by_step = {choice.step_key: choice for choice in choices}
    path, step = [], activity.step(1)
    while step is not None and step.key in by_step:
        chosen = by_key(step.choices, by_step[step.key].choice)
        if chosen is None:
            break
        path.append((step, chosen))
        step = activity.step(chosen.next_step) if chosen.next_step else None
        if path and len(path) > len(activity.steps):
            break
    return path, step


def price_tries(choices):
    """``[{market_key: Choice}]``: the learner's price checks, oldest first."""
    tries = {}
    for choice in choices:
        market_key, _sep, number = choice.step_key.partition("#")
        tries.setdefault(int(number or 1), {})[market_key] = choice
    return [tries[number] for number in sorted(tries)]


def price_row(activity, market, price):
    """The figures of one marketplace at ``price``: fees, cost, profit and whether it meets the aim."""
    fees = [(fee.label, fee.amount(price)) for fee in market.fees]
    costs = activity.cost + activity.packaging + market.shipping
    profit = price - costs - sum((amount for _label, amount in fees), Decimal("0"))
    return {
        "market": market,
        "price": price,
        "fees": fees,
        "costs": costs,
        "profit": profit,
        "loss": profit < 0,
        "right": profit > 0 and profit >= activity.target_profit,
    }


def parse_price(raw):
    text = str(raw or "").strip().replace(",", "")
    if not text:
        raise PracticeError(_("Please enter a selling price for every marketplace."))
    try:
        price = Decimal(text)
    except InvalidOperation:
        raise PracticeError(_("Please enter the price as a number of baht, e.g. 120 or 99.50.")) from None
    if not price.is_finite() or price <= 0 or price > MAX_PRICE:
        raise PracticeError(_("Please enter a price between 1 and 1,000,000 baht."))
    return price.quantize(Decimal("0.01"))


# ---- acting -------------------------------------------------------------------------------------------------


def act(run, activity, data):
    """Check and record the learner's choice(s) in ``data`` (a QueryDict). Idempotent for repeated posts.

    Raises PracticeError on bad input. Returns True when this call finished the activity.
    """
    if run.finished and activity.kind != "price":
        return False
    handler = {"simulator": _act_simulator, "spot_fake": _act_spot, "safe_form": _act_form, "price": _act_price}
    return handler[activity.kind](run, activity, data)


def _finish(run, activity):
    choices = run.choices
    if activity.kind == "price":
        last = price_tries(choices)[-1]
        right, total = sum(1 for choice in last.values() if choice.right), len(last)
    else:
        right, total = sum(1 for choice in choices if choice.right), len(choices)
    return run.finish(right, total)


def _act_simulator(run, activity, data):
    step_key, choice_key = str(data.get("step", "")), str(data.get("choice", ""))
    step = by_key(activity.steps, step_key)
    if step is None:
        raise PracticeError(_("This step is not part of the practice."))
    if any(choice.step_key == step_key for choice in run.choices):
        return False  # a double click or a resent form: the first choice stands
    _path, current = simulator_path(activity, run.choices)
    if current is None or current.key != step_key:
        raise PracticeError(_("This step is not open. Please carry on from where the practice is now."), status=409)
    chosen = by_key(step.choices, choice_key)
    if chosen is None:
        raise PracticeError(_("Please choose what you would do."))
    run.add(step.key, chosen.key, "", chosen.outcome == "safe")
    _path, current = simulator_path(activity, run.choices)
    return _finish(run, activity) if current is None else False


def _act_spot(run, activity, data):
    item = by_key(activity.items, str(data.get("item", "")))
    if item is None:
        raise PracticeError(_("This item is not part of the practice."))
    verdict = data.get("verdict", "")
    if verdict not in ("real", "fake"):
        raise PracticeError(_("Please choose real or fake."))
    reason = by_key(item.reasons, str(data.get("reason", "")))
    if reason is None:
        raise PracticeError(_("Please choose a reason."))
    right = (verdict == "fake") == item.fake and reason.correct
    run.add(item.key, verdict, reason.key, right)
    answered = {choice.step_key for choice in run.choices}
    if all(each.key in answered for each in activity.items):
        return _finish(run, activity)
    return False


def _act_form(run, activity, data):
    decisions = {}
    for form_field in activity.fields:
        decision = data.get(f"field-{form_field.key}", "")
        if decision not in ("fill", "leave"):
            raise PracticeError(_("Please decide for every field: fill it in or leave it empty."))
        decisions[form_field.key] = decision
    for form_field in activity.fields:
        run.add(form_field.key, decisions[form_field.key], "", (decisions[form_field.key] == "fill") == form_field.safe)
    return _finish(run, activity)


def _act_price(run, activity, data):
    prices = {market.key: parse_price(data.get(f"price-{market.key}")) for market in activity.marketplaces}
    if run.finished:
        run.restart()
    number = len(price_tries(run.choices)) + 1
    rows = [price_row(activity, market, prices[market.key]) for market in activity.marketplaces]
    for row in rows:
        run.add(f"{row['market'].key}#{number}", str(row["price"]), "", row["right"])
    if all(row["right"] for row in rows):
        return _finish(run, activity)
    return False


def restart(request, page, activity):
    run = run_for(request, page, activity)
    run.restart()
    return run


# ---- completion and the outline -----------------------------------------------------------------------------


def record_completion(user, source):
    """After a run finished: the learner is enrolled, and the course may now be complete (``COMPLETION_CHECK``)."""
    course = source.get_parent().specific
    lesson_services.enrol(user, course)
    lesson_services.update_course_completion(user, course)


def practice_left(user, course):
    """``[(lesson, activity)]``: practice blocks in the live lessons of ``course`` (a source page) that ``user``
    has not finished, in outline order. Two queries."""
    lessons = list(LessonPage.objects.child_of(course).live().order_by("path"))
    blocks = [(lesson, activity) for lesson in lessons for activity in activities_of(lesson).values()]
    if not blocks:
        return []
    done = set()
    if user.is_authenticated:
        done = set(
            PracticeRun.objects.filter(user=user, lesson__in=lessons, completed=True)
            .values_list("lesson_id", "activity_key")
            .distinct()
        )
    return [(lesson, activity) for lesson, activity in blocks if (lesson.pk, activity.key) not in done]


def practices_done(user, course):
    """Completion check (registered in ``practice/wagtail_hooks.py``): every practice block of the course is done."""
    return user.is_authenticated and not practice_left(user, course)


# ---- what the learner sees ----------------------------------------------------------------------------------


def unanswered(part, names, options):
    """What the learner sees of a step or item before choosing: its key, number and ``names``, and of its
    ``options`` (choices, reasons) only their key and text, never an outcome, an explanation or a flag."""
    shown = {name: getattr(part, name) for name in ("key", "number", *names)}
    shown[options] = [{"key": option.key, "text": option.text} for option in getattr(part, options)]
    return shown


def activity_state(activity, run):
    """The template context of one activity. Outcomes, explanations, fake-or-real and safe flags appear only
    for steps the learner has already answered."""
    choices = run.choices if run.started else []
    state = {"activity": activity, "started": run.started, "finished": run.finished, "error": ""}
    if activity.kind == "simulator":
        path, current = simulator_path(activity, choices)
        state["path"] = [{"step": step, "choice": choice} for step, choice in path]
        if current is not None and not run.finished:
            state["current"] = unanswered(current, ("messages", "question"), "choices")
        state["safe_count"] = sum(1 for _step, choice in path if choice.outcome == "safe")
    elif activity.kind == "spot_fake":
        by_item = {choice.step_key: choice for choice in choices}
        state["answered"] = []
        for item in activity.items:
            choice = by_item.get(item.key)
            if choice is not None:
                state["answered"].append(
                    {
                        "item": item,
                        "verdict": choice.choice,
                        "reason": by_key(item.reasons, choice.reason),
                        "right": choice.right,
                    }
                )
        current = next((item for item in activity.items if item.key not in by_item), None)
        if current is not None and not run.finished:
            state["current"] = unanswered(current, ("kind", "heading", "text", "detail"), "reasons")
        state["right_count"] = sum(1 for row in state["answered"] if row["right"])
        state["total"] = len(activity.items)
    elif activity.kind == "safe_form":
        by_field = {choice.step_key: choice for choice in choices}
        if run.finished:
            state["review"] = [
                {
                    "field": form_field,
                    "decision": by_field[form_field.key].choice,
                    "right": by_field[form_field.key].right,
                }
                for form_field in activity.fields
                if form_field.key in by_field
            ]
            state["right_count"] = sum(1 for row in state["review"] if row["right"])
        state["fields"] = [{"key": form_field.key, "label": form_field.label} for form_field in activity.fields]
    elif activity.kind == "price":
        tries = price_tries(choices)
        markets = {market.key: market for market in activity.marketplaces}
        if tries:
            last = tries[-1]
            state["rows"] = [
                price_row(activity, markets[key], Decimal(choice.choice))
                for key, choice in last.items()
                if key in markets
            ]
            state["tries"] = len(tries)
        state["prices"] = {row["market"].key: row["price"] for row in state.get("rows", [])}
    return state


def block_state(request, page, key):
    """The state of practice block ``key`` of lesson ``page`` (any language) for the reader, as the block's
    template shows it; ``None`` when the block is not a practice of the source lesson (e.g. a new draft block).

    The source page and the reader's runs of the whole lesson are loaded once per page instance (two or three
    queries whatever the number of blocks).
    """
    preview = getattr(request, "is_preview", False)
    cache = page.__dict__.setdefault("_practice_state", {})
    if "source" not in cache:
        cache["source"] = page if preview else LessonPage.objects.source_of(page)
        cache["runs"] = {} if preview else _preload_runs(request.user, cache["source"])
    source = cache["source"]
    activity = activities_of(source).get(str(key))
    if activity is None:
        return None
    shown = translated(activity, activities_of(page).get(activity.key))
    if preview:
        run = _NoRun()
    elif request.user.is_authenticated:
        latest, choices = cache["runs"].get(activity.key, (None, []))
        run = DbRun(request.user, source, activity, latest=latest, choices=choices)
    else:
        run = run_for(request, source, activity)
    state = activity_state(shown, run)
    error = getattr(request, "practice_error", None)
    if error and error[0] == activity.key:
        state["error"] = error[1]
    return state


def _preload_runs(user, source):
    """``{activity_key: (latest run, its choices)}`` for a signed-in learner, in one query (each run joined
    with its choices, one row per choice)."""
    if not user.is_authenticated:
        return {}
    rows = PracticeRun.objects.filter(user=user, lesson=source).annotate(
        choice_pk=F("choices__pk"),
        choice_step_key=F("choices__step_key"),
        choice_choice=F("choices__choice"),
        choice_reason=F("choices__reason"),
        choice_right=F("choices__right"),
    )
    latest, choices = {}, {}
    for run in rows.order_by("-pk", "choice_pk"):
        if latest.setdefault(run.activity_key, run).pk != run.pk:
            continue  # an older run of that block
        choices.setdefault(run.pk, [])
        if run.choice_pk is not None:
            choices[run.pk].append(Choice(run.choice_step_key, run.choice_choice, run.choice_reason, run.choice_right))
    return {key: (run, choices[run.pk]) for key, run in latest.items()}


def state_of(request, page, source, activity, error=""):
    shown = translated(activity, activities_of(page).get(activity.key))
    state = activity_state(shown, run_for(request, source, activity))
    state["error"] = error
    return {"page": page, "state": state, "preview": False}


class _NoRun:
    started = False
    finished = False
    choices = ()


# ---- trainer statistics -------------------------------------------------------------------------------------


def statistics(source, page=None):
    """Per activity: runs started and finished, and how many learners took each choice at each step."""
    page = page or source
    runs = dict(
        (row["activity_key"], row)
        for row in PracticeRun.objects.filter(lesson=source)
        .values("activity_key")
        .annotate(
            started=Count("pk"), finished=Count("pk", filter=Q(completed=True)), learners=Count("user", distinct=True)
        )
    )
    counts = {}
    for row in (
        PracticeChoice.objects.filter(run__lesson=source)
        .values("run__activity_key", "step_key", "choice", "reason")
        .annotate(n=Count("pk"), right=Count("pk", filter=Q(right=True)))
    ):
        step_key = row["step_key"].partition("#")[0]
        key = (row["run__activity_key"], step_key)
        counts.setdefault(key, []).append(row)
    activities = []
    for activity in activities_of(source).values():
        shown = translated(activity, activities_of(page).get(activity.key))
        totals = runs.get(activity.key, {"started": 0, "finished": 0, "learners": 0})
        activities.append({"activity": shown, **totals, "steps": _activity_rows(shown, counts)})
    return {"activities": activities}


def _share(rows):
    total = sum(row["count"] for row in rows)
    for row in rows:
        row["percent"] = round(100 * row["count"] / total) if total else None
    rows.sort(key=lambda row: -row["count"])
    return rows


def _activity_rows(activity, counts):
    steps = []
    if activity.kind == "simulator":
        for step in activity.steps:
            taken = {row["choice"]: row["n"] for row in counts.get((activity.key, step.key), [])}
            rows = [{"label": c.text, "outcome": c.outcome, "count": taken.get(c.key, 0)} for c in step.choices]
            steps.append({"label": step.question or f"#{step.number}", "rows": _share(rows)})
    elif activity.kind == "spot_fake":
        for item in activity.items:
            found = counts.get((activity.key, item.key), [])
            reasons = {reason.key: reason for reason in item.reasons}
            rows = [
                {
                    "label": reasons[row["reason"]].text if row["reason"] in reasons else row["reason"],
                    "verdict": row["choice"],
                    "outcome": "safe" if row["right"] else "risky",
                    "count": row["n"],
                }
                for row in found
            ]
            steps.append({"label": item.heading, "rows": _share(rows)})
    elif activity.kind == "safe_form":
        for form_field in activity.fields:
            taken = {row["choice"]: row["n"] for row in counts.get((activity.key, form_field.key), [])}
            fill_outcome, leave_outcome = ("safe", "risky") if form_field.safe else ("risky", "safe")
            rows = [
                {"label": _("Fill it in"), "outcome": fill_outcome, "count": taken.get("fill", 0)},
                {"label": _("Leave it empty"), "outcome": leave_outcome, "count": taken.get("leave", 0)},
            ]
            steps.append({"label": form_field.label, "rows": _share(rows)})
    elif activity.kind == "price":
        for market in activity.marketplaces:
            found = counts.get((activity.key, market.key), [])
            right = sum(row["right"] for row in found)
            total = sum(row["n"] for row in found)
            rows = [
                {"label": _("Price makes the profit aimed for"), "outcome": "safe", "count": right},
                {"label": _("Price too low"), "outcome": "risky", "count": total - right},
            ]
            steps.append({"label": market.name, "rows": _share(rows)})
    return steps
