"""Load test: 200 signed-in learners take a whole demo quiz at the same time (htmx requests).

Runs the app under gunicorn (2 workers) on PostgreSQL on loopback, creates 200 learner accounts, signs them in
(not timed: PBKDF2 password hashing), then starts 200 asyncio learners at once, each with its own cookie jar:
start the quiz, then for every question answer it (timed: the answer round trip) and fetch the next one.
Learners pause like people do: on average ``--think`` seconds (uniform 0..2x) to read a question and choose,
and up to half that to read the feedback; ``--think 0`` fires every request back to back (saturation).
Afterwards it checks in the database that every answer sent was stored exactly once.

Run:  .venv/bin/python -m bench.quiz_load [--learners 200] [--think 5]
      (DATABASE_URL defaults to postgres://postgres@127.0.0.1:5433/bench_quizzes, created when missing)
Target: p95 answer round trip <= 150 ms, 0 errors, 0 lost or doubled answers.
"""

import argparse
import asyncio
import os
import random
import re
import statistics
import sys
import time

import httpx

from bench._server import running_server

DEFAULT_DB = "postgres://postgres@127.0.0.1:5433/bench_quizzes"
PASSWORD = "bench-quiz-passw0rd-2569"
QUESTION = re.compile(r'name="question" value="([^"]+)"')
ATTEMPT = re.compile(r'name="attempt" value="(\d*)"')
OPTION = re.compile(r'<input type="(radio|checkbox)" name="option" value="([^"]+)"')
NEXT = re.compile(r'class="button" href="[^"]*" hx-get="([^"]+)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def ensure_database(url):
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin_url = url.rsplit("/", 1)[0].replace("postgres://", "postgresql://") + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        if not conn.execute("select 1 from pg_database where datname = %s", [name]).fetchone():
            conn.execute(f'create database "{name}"')


def prepare_accounts(count):
    """``count`` learner accounts with one shared password hash; old bench attempts removed. Returns quiz info."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from quizzes.models import QuizAttempt, QuizPage

    User = get_user_model()
    names = [f"bench-quiz-{n:03d}" for n in range(count)]
    existing = set(User.objects.filter(username__in=names).values_list("username", flat=True))
    hashed = make_password(PASSWORD)
    User.objects.bulk_create(
        [User(username=name, display_name=name, password=hashed) for name in names if name not in existing]
    )
    User.objects.filter(username__in=names).update(password=hashed)
    QuizAttempt.objects.filter(user__username__in=names).delete()
    quiz = QuizPage.objects.live().filter(locale__language_code="th").order_by("path").first()
    if quiz is None:
        sys.exit("No demo quiz found: did load_demo run?")
    return names, quiz


class Learner:
    def __init__(self, base, username, quiz_url, start_url, answer_url):
        self.client = httpx.AsyncClient(base_url=base, timeout=60)
        self.username = username
        self.quiz_url, self.start_url, self.answer_url = quiz_url, start_url, answer_url
        self.sent = {}
        self.attempt = None

    def headers(self):
        return {"HX-Request": "true", "X-CSRFToken": self.client.cookies.get("csrftoken", "")}

    async def sign_in(self):
        page = await self.client.get("/th/accounts/sign-in/")
        token = CSRF.search(page.text).group(1)
        response = await self.client.post(
            "/th/accounts/sign-in/",
            data={"csrfmiddlewaretoken": token, "username": self.username, "password": PASSWORD},
            headers={"Referer": str(self.client.base_url) + "/th/accounts/sign-in/"},
        )
        if response.status_code != 302 or "sessionid" not in self.client.cookies:
            raise RuntimeError(f"sign-in failed for {self.username}: {response.status_code}")
        await self.client.get(self.quiz_url)  # the quiz page, as a learner would open it first

    async def take_quiz(self, answer_times, next_times, errors, think):
        response = await self.client.post(self.start_url, headers=self.headers())
        if response.status_code != 200:
            errors.append(f"start {response.status_code}")
            return
        html = response.text
        while True:
            question = QUESTION.search(html)
            if question is None:
                break
            key = question.group(1)
            self.attempt = ATTEMPT.search(html).group(1)
            options = OPTION.findall(html)
            if options[0][0] == "checkbox":
                chosen = sorted(random.sample([value for _kind, value in options], k=random.randint(1, 2)))
            else:
                chosen = [random.choice(options)[1]]
            if think:
                await asyncio.sleep(random.uniform(0, 2 * think))  # reading the question and choosing
            started = time.perf_counter()
            try:
                response = await self.client.post(
                    self.answer_url,
                    data={"attempt": self.attempt, "question": key, "option": chosen},
                    headers=self.headers(),
                )
            except httpx.HTTPError as error:
                errors.append(f"answer {type(error).__name__}")
                return
            answer_times.append(time.perf_counter() - started)
            if response.status_code != 200 or "quiz-verdict" not in response.text:
                errors.append(f"answer {response.status_code}")
                return
            self.sent[key] = chosen
            if think:
                await asyncio.sleep(random.uniform(0, think))  # reading the feedback
            started = time.perf_counter()
            response = await self.client.get(
                NEXT.search(response.text).group(1).replace("&amp;", "&"), headers=self.headers()
            )
            next_times.append(time.perf_counter() - started)
            if response.status_code != 200:
                errors.append(f"next {response.status_code}")
                return
            html = response.text
        if "quiz-score" not in html:
            errors.append("no result at the end")


def percentile(values, pct):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


async def run(base, names, quiz_url, quiz_pk, think):
    learners = [Learner(base, name, quiz_url, f"{quiz_url}start/", f"{quiz_url}answer/") for name in names]
    started = time.perf_counter()
    gate = asyncio.Semaphore(8)

    async def sign_in(learner):
        async with gate:
            await learner.sign_in()

    await asyncio.gather(*(sign_in(learner) for learner in learners))
    print(f"signed in {len(learners)} learners in {time.perf_counter() - started:.1f} s (not timed below)")
    answer_times, next_times, errors = [], [], []
    started = time.perf_counter()
    await asyncio.gather(*(learner.take_quiz(answer_times, next_times, errors, think) for learner in learners))
    wall = time.perf_counter() - started
    for learner in learners:
        await learner.client.aclose()
    return learners, answer_times, next_times, errors, wall


def verify(learners, quiz):
    """Every answer sent is stored exactly once with the options sent; nothing else is stored."""
    from django.db.models import Count

    from quizzes.models import Answer

    lost = doubled = wrong = 0
    rows = Answer.objects.filter(
        attempt__user__username__in=[learner.username for learner in learners], attempt__quiz=quiz
    )
    counts = {}
    for username, key, chosen in rows.values_list("attempt__user__username", "question_key", "chosen"):
        counts.setdefault((username, key), []).append(chosen)
    per_attempt = rows.values("attempt", "question_key").annotate(n=Count("pk")).filter(n__gt=1).count()
    for learner in learners:
        for key, chosen in learner.sent.items():
            stored = counts.pop((learner.username, key), [])
            if not stored:
                lost += 1
            elif len(stored) > 1:
                doubled += 1
            elif sorted(stored[0]) != sorted(chosen):
                wrong += 1
    extra = len(counts)
    return {"lost": lost, "doubled": doubled + per_attempt, "different": wrong, "unexpected": extra}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=200)
    parser.add_argument(
        "--think",
        type=float,
        default=5.0,
        help="mean seconds a learner reads a question before answering (0 = no pauses: a saturation test)",
    )
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL") or DEFAULT_DB
    if not url.startswith("postgres"):
        sys.exit("This benchmark runs on PostgreSQL: set DATABASE_URL=postgres://...")
    ensure_database(url)
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "lms.settings.bench"
    with running_server(extra_env={"DATABASE_URL": url}) as base:
        names, quiz = prepare_accounts(args.learners)
        print(f"quiz: {quiz.title} ({len(quiz.question_list)} questions), {args.learners} learners, gunicorn 2 workers")
        learners, answer_times, next_times, errors, wall = asyncio.run(run(base, names, quiz.url, quiz.pk, args.think))
    checks = verify(learners, quiz)
    sent = sum(len(learner.sent) for learner in learners)
    ms = [t * 1000 for t in answer_times]
    next_ms = [t * 1000 for t in next_times]
    print(f"answers sent: {sent} in {wall:.1f} s ({sent / wall:.0f}/s), think time mean {args.think} s")
    print(
        f"answer round trip: p50 {statistics.median(ms):.0f} ms, p95 {percentile(ms, 95):.0f} ms, max {max(ms):.0f} ms"
    )
    print(f"next question:     p50 {statistics.median(next_ms):.0f} ms, p95 {percentile(next_ms, 95):.0f} ms")
    print(f"errors: {len(errors)} {sorted(set(errors))[:5] if errors else ''}")
    print(f"database check: {checks}")
    print(
        f"command: DATABASE_URL={url} .venv/bin/python -m bench.quiz_load"
        f" --learners {args.learners} --think {args.think}"
    )
    ok = percentile(ms, 95) <= 150 and not errors and not any(checks.values())
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
