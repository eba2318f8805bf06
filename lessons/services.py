"""Enrolment and lesson progress: the one progress service.

Progress is stored against a page's *source* page (the first translation created), so a learner who
switches language keeps their progress.
"""

from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from wagtail.fields import StreamField
from wagtail.models import Locale, Page

from . import hooks
from .models import (
    AnonymousProgress,
    CoursePage,
    Enrolment,
    LessonPage,
    LessonProgress,
    SourcePageQuerySet,
    _specific,
    _specific_links,
    source_pk,
)


def _get_or_create(model, lookup, defaults=None):
    """get_or_create that survives a concurrent insert racing on a unique constraint."""
    try:
        with transaction.atomic():
            return model.objects.get_or_create(**lookup, defaults=defaults or {})
    except IntegrityError:
        return model.objects.get(**lookup), False


def enrol(user, course):
    course = CoursePage.objects.source_of(course.specific if not isinstance(course, CoursePage) else course)
    enrolment, _ = _get_or_create(Enrolment, {"user": user, "course": course})
    return enrolment


def start_lesson(user, lesson):
    """Record that ``user`` opened ``lesson``: enrols them and remembers the lesson for "continue"."""
    lesson = LessonPage.objects.source_of(lesson)
    course = CoursePage.objects.source_of(lesson.get_parent().specific)
    enrolment = enrol(user, course)
    Enrolment.objects.filter(pk=enrolment.pk).update(last_lesson=lesson, last_visited_at=timezone.now())
    progress, _ = _get_or_create(LessonProgress, {"user": user, "lesson": lesson}, {"course": course})
    return progress


def record_visit(user, lesson, course, started=False):
    """Reading a lesson: enrol, remember it for "continue", mark it started — one query on a return visit.

    The fast path of ``start_lesson`` for page views. Pages loaded with ``source_pk`` (routing) need no
    query for their source pages; ``started`` says the reader already has the lesson's progress row (the
    outline knows), so only the enrolment is updated. Concurrent first visits resolve on the unique
    constraints (the losing insert is ignored).
    """
    lesson_id, course_id = lesson.__dict__.get("source_pk"), course.__dict__.get("source_pk")
    if lesson_id is None or course_id is None:
        sources = SourcePageQuerySet(Page).source_ids([lesson.translation_key, course.translation_key])
        lesson_id, course_id = sources[lesson.translation_key], sources[course.translation_key]
    visited = Enrolment.objects.filter(user=user, course_id=course_id).update(
        last_lesson_id=lesson_id, last_visited_at=timezone.now()
    )
    if not visited:
        Enrolment.objects.bulk_create(
            [Enrolment(user=user, course_id=course_id, last_lesson_id=lesson_id)], ignore_conflicts=True
        )
    if not started:
        LessonProgress.objects.bulk_create(
            [LessonProgress(user=user, lesson_id=lesson_id, course_id=course_id)], ignore_conflicts=True
        )


def mark_done(user, lesson):
    """Mark ``lesson`` completed for ``user``. Idempotent: a double click gives one record."""
    progress = start_lesson(user, lesson)
    if progress.complete():
        hooks.lesson_done.send(LessonPage, user=user, lesson=progress.lesson, course=progress.course)
    update_course_completion(user, progress.course)
    return progress


def course_lessons(course):
    """Live lessons of a course, in outline order."""
    return LessonPage.objects.child_of(course).live().order_by("path")


def course_progress(user, course):
    """``(done, total)`` lesson counts for ``user`` in ``course`` (source page counted)."""
    course = CoursePage.objects.source_of(course)
    total = course_lessons(course).count()
    if not user.is_authenticated:
        return 0, total
    done = LessonProgress.objects.filter(
        user=user, course=course, completed_at__isnull=False, lesson__live=True
    ).count()
    return done, total


def update_course_completion(user, course):
    """Set or clear the enrolment's completion; returns True when the course is complete."""
    course = CoursePage.objects.source_of(course)
    done, total = course_progress(user, course)
    complete = total > 0 and done >= total and all(check(user, course) for check in hooks.completion_checks())
    enrolment = enrol(user, course)
    if complete and enrolment.complete():
        hooks.course_completed.send(CoursePage, user=user, course=course)
    return complete


def _children(course, source=None, translations=False):
    """Live child pages of ``course`` in order, specific and with ``source_pk``, in one query (stream fields
    deferred): the specific tables of the allowed child types are joined in.

    ``translations`` adds the course's live translations to the same query, ``source`` (``(pk, path)`` of the
    source page of a translated course) that page and its live children."""
    links = []
    for model in course.specific_class.allowed_subpage_models():
        link = model._meta.get_ancestor_link(Page)
        if link is not None and model._meta.parents.get(Page) is link:
            links.append(link.remote_field.get_accessor_name())
    wanted = Q(path__startswith=course.path, depth=course.depth + 1, live=True)
    if translations:
        wanted |= Q(translation_key=course.translation_key, live=True)
        links = ["locale", course._meta.get_ancestor_link(Page).remote_field.get_accessor_name(), *links]
    if source is not None:
        pk, path = source
        wanted |= Q(path__startswith=path, depth=len(path) // Page.steplen + 1, live=True) | Q(pk=pk)
    rows = Page.objects.filter(wanted).select_related(*links).defer(*_stream_fields(links))
    return rows.annotate(source_pk=source_pk()).order_by("path")


def _stream_fields(links):
    """``defer`` names of the stream fields of the specific models behind ``links`` (reverse parent links)."""
    names = []
    for link in links:
        field = Page._meta.get_field(link)
        if not field.is_relation or not issubclass(field.related_model, Page):
            continue
        model = field.related_model
        names += [f"{link}__{field.name}" for field in model._meta.local_fields if isinstance(field, StreamField)]
    return names


def outline(user, course):
    """The course outline for ``user``: every live child page in order with its status.

    Returns a list of dicts ``{"page", "status"}`` where status is ``"done"``, ``"started"`` or
    ``"not_started"``. One query for a visitor; for a learner one more, plus one per status provider
    (quizzes), whatever the course size. Pages carry ``source_pk``.
    """
    return _outlines(user, course)[0]


def course_outlines(user, course):
    """``(outline, source_outline)``: ``outline`` of ``course`` and, when it is a translation, of its source
    course (else None), in the queries of one outline.

    The same query keeps the course's source page for ``source_of`` and its live translations (``{language
    code: Page}``, as ``_live_translations``) for the language switcher: the course page's "continue",
    practice, certificate and language parts need no query to find them."""
    source = None
    source_id, path = course.__dict__.get("source_pk"), course.__dict__.get("source_path")
    if source_id is None or path is None:  # not loaded by routing (a preview)
        known = CoursePage.objects.source_of(course)
        source_id, path = known.pk, known.path
    if source_id != course.pk:
        source = (source_id, path)
    return _outlines(user, course, source, translations=True)


def _outlines(user, course, source=None, translations=False):
    rows = _children(course, source, translations)
    if user.is_authenticated:
        progress = LessonProgress.objects.filter(user=user, lesson_id=OuterRef("source_pk"))
        rows = rows.annotate(
            progress_started=Exists(progress),
            progress_done=Exists(progress.filter(completed_at__isnull=False)),
        )
    children, source_children, statuses, live_translations = [], [], {}, {}
    for row in rows:
        if row.translation_key == course.translation_key:  # the course, its source or another translation
            if row.live:
                live_translations[row.locale.language_code] = row
            if source is not None and row.pk == source[0]:
                known = _specific(row)
                if isinstance(known, CoursePage):
                    course.__dict__["_source_page"] = known
            continue
        page = _specific(row)
        (children if page.path.startswith(course.path) else source_children).append(page)
        if user.is_authenticated and isinstance(page, LessonPage) and row.progress_started:
            statuses[page.pk] = "done" if row.progress_done else "started"
    if translations:
        course.__dict__["_live_translations"] = live_translations
    others = [page for page in children + source_children if not isinstance(page, LessonPage)]
    if user.is_authenticated and others:
        for provider in hooks.outline_status_providers():
            statuses.update(provider(user, others))
    items = [{"page": page, "status": statuses.get(page.pk, "not_started")} for page in children]
    if source is None:
        return items, None
    return items, [{"page": page, "status": statuses.get(page.pk, "not_started")} for page in source_children]


def progress_by_course(user, courses):
    """``{course.pk: (done, total)}`` for a list of course pages (any language), in three queries.

    The same figures as ``course_progress`` for each course: live lessons of the source course, and the
    user's completed lessons among them. Anonymous users get ``done = 0``. For catalogue progress bars.
    """
    courses = list(courses)
    if not courses:
        return {}
    source_by_key = {
        course.translation_key: course
        for course in CoursePage.objects.filter(translation_key__in={c.translation_key for c in courses}).sources()
    }
    sources = {c.pk: c for c in source_by_key.values()}
    to_source = {c.pk: source_by_key[c.translation_key].pk for c in courses}
    path_to_source = {c.path: pk for pk, c in sources.items()}
    totals = dict.fromkeys(sources, 0)
    depths = {c.depth + 1 for c in sources.values()}
    lesson_paths = Q()
    for course in sources.values():
        lesson_paths |= Q(path__startswith=course.path)
    for path in LessonPage.objects.live().filter(lesson_paths, depth__in=depths).values_list("path", flat=True):
        source = path_to_source.get(path[: -Page.steplen])
        if source is not None:
            totals[source] += 1
    done = {}
    if user.is_authenticated:
        done = dict(
            LessonProgress.objects.filter(
                user=user, course_id__in=sources, completed_at__isnull=False, lesson__live=True
            )
            .values("course_id")
            .annotate(n=Count("pk"))
            .values_list("course_id", "n")
        )
    return {pk: (done.get(source, 0), totals.get(source, 0)) for pk, source in to_source.items()}


def localized(pages, language_code):
    """``{page.pk: the live translation of page in language_code, else page}`` in one query."""
    pages = [p for p in pages if p is not None]
    if not pages:
        return {}
    model = type(pages[0])
    translations = {
        p.translation_key: p
        for p in model.objects.live()
        .select_related("locale")
        .filter(translation_key__in={p.translation_key for p in pages}, locale__language_code=language_code)
    }
    return {p.pk: translations.get(p.translation_key, p) for p in pages}


def _url_in_language(page, language_code, request):
    """The page's URL under ``language_code``: its own, or the fallback route for an untranslated page."""
    if page.locale.language_code != language_code and hasattr(page, "untranslated_url"):
        url = page.untranslated_url(language_code, request)
        if url:
            return url
    return page.get_url(request)


def _next_pages(user, sources):
    """``{source course pk: page}``: the first live lesson not done in outline order, else the first other
    outline item (a quiz) not done, else None. A constant number of queries whatever the number of courses."""
    if not sources:
        return {}
    by_path = {course.path: course.pk for course in sources}
    paths = Q()
    for path in by_path:
        paths |= Q(path__startswith=path)
    depths = {course.depth + 1 for course in sources}
    rows = Page.objects.live().filter(paths, depth__in=depths).select_related("locale", *_specific_links())
    rows = rows.defer(*_stream_fields(_specific_links())).annotate(source_pk=source_pk()).order_by("path")
    children = [_specific(row) for row in rows]
    done = set(
        LessonProgress.objects.filter(
            user=user, course_id__in=by_path.values(), completed_at__isnull=False
        ).values_list("lesson_id", flat=True)
    )
    others = [page for page in children if not isinstance(page, LessonPage)]
    statuses = {}
    for provider in hooks.outline_status_providers() if others else ():
        statuses.update(provider(user, others))
    lessons, rest = {}, {}
    for page in children:
        course_pk = by_path.get(page.path[: -Page.steplen])
        if course_pk is None:
            continue
        if isinstance(page, LessonPage):
            if page.pk not in done:
                lessons.setdefault(course_pk, page)
        elif statuses.get(page.pk) != "done":
            rest.setdefault(course_pk, page)
    return {course.pk: lessons.get(course.pk) or rest.get(course.pk) for course in sources}


def resume(user, enrolments, language_code, request=None):
    """Where "continue where you left off" takes ``user`` in each course: the one rule for every button.

    The first lesson not yet done, in outline order; when every lesson is done and the course is complete,
    what a higher app offers through ``hooks.completed_course_destination`` (the certificate); otherwise the
    first other outline item not done (the quiz); else nothing (no entry). ``enrolments`` are the user's
    ``Enrolment`` rows (source courses).
    Returns ``{course pk: {"url", "title", "page"}}`` in the reader's language, in constant queries.
    """
    sources = [enrolment.course for enrolment in enrolments]
    pages = _next_pages(user, sources)
    by_type = {}
    for page in pages.values():
        if page is not None:
            by_type.setdefault(type(page), []).append(page)
    in_language = {}
    for group in by_type.values():
        in_language.update(localized(group, language_code))
    without_locale = [page for page in in_language.values() if not Page.locale.is_cached(page)]
    locales = {locale.pk: locale for locale in Locale.objects.all()} if without_locale else {}
    for page in without_locale:
        page.locale = locales[page.locale_id]
    lessons_left = {pk for pk, page in pages.items() if isinstance(page, LessonPage)}
    completed = [e.course for e in enrolments if e.completed_at is not None and e.course_id not in lessons_left]
    finished = {}
    if completed:
        for _receiver, response in hooks.completed_course_destination.send(
            sender=CoursePage, user=user, courses=completed
        ):
            finished.update(response or {})
    targets = {}
    for enrolment in enrolments:
        page = pages.get(enrolment.course_id)
        if enrolment.course_id in finished and not isinstance(page, LessonPage):
            targets[enrolment.course_id] = {**finished[enrolment.course_id], "page": None}
        elif page is not None:
            page = in_language[page.pk]
            targets[enrolment.course_id] = {
                "url": _url_in_language(page, language_code, request),
                "title": page.title,
                "page": page,
            }
    return targets


def reader_enrolment(user, course, request=None):
    """``user``'s enrolment in ``course`` (any translation), None when not enrolled: one query, then kept on
    ``request`` for the rest of that page view (the course page's resume and certificate parts)."""
    source = CoursePage.objects.source_of(course)
    known = request.__dict__.setdefault("_reader_enrolments", {}) if request is not None else {}
    key = (user.pk, source.pk)
    if key not in known:
        known[key] = Enrolment.objects.filter(user=user, course=source).select_related("course").first()
    return known[key]


def resume_course(user, course, request=None, outline=None, source_outline=None):
    """``resume`` for one course page (any translation): None for visitors and courses not started.

    ``outline`` (this course's ``outline`` for ``user``) and, for a translation, ``source_outline`` (see
    ``course_outlines``) answer with the same rule as ``resume`` without its queries: the source course's
    items with their statuses, shown in the course's language.
    """
    if not user.is_authenticated:
        return None
    enrolment = reader_enrolment(user, course, request)
    if enrolment is None:
        return None
    items = outline if enrolment.course_id == course.pk else source_outline
    if items is None:
        return resume(user, [enrolment], course.locale.language_code, request).get(enrolment.course_id)
    status = {item["page"].pk: item["status"] for item in items}
    pages = [item["page"] for item in items if status[item["page"].pk] != "done"]
    page = next((p for p in pages if isinstance(p, LessonPage)), None) or next(iter(pages), None)
    if enrolment.completed_at is not None and not isinstance(page, LessonPage):
        for _receiver, response in hooks.completed_course_destination.send(
            sender=CoursePage, user=user, courses=[enrolment.course]
        ):
            if enrolment.course_id in (response or {}):
                return {**response[enrolment.course_id], "page": None}
    if page is None:
        return None
    if items is source_outline:
        language_code = course.locale.language_code
        shown = {item["page"].translation_key: item["page"] for item in outline}.get(page.translation_key)
        page = shown or localized([page], language_code)[page.pk]
        return {"url": _url_in_language(page, language_code, request), "title": page.title, "page": page}
    return {"url": page.get_url(request), "title": page.title, "page": page}


def my_learning(user, language_code, request=None):
    """The signed-in user's enrolments, most recently visited first, ready for the "My learning" page.

    Each item: ``course`` in the reader's language when translated, ``continue_url`` / ``continue_title``
    from ``resume`` (the course page when there is nothing left), ``course_url``, ``done``, ``total``,
    ``completed_at``. A constant number of queries for translated courses.
    """
    enrolments = list(
        Enrolment.objects.filter(user=user, course__live=True)
        .select_related("course__locale")
        .order_by("-last_visited_at", "-pk")
    )
    courses = [e.course for e in enrolments]
    course_in_language = localized(courses, language_code)
    progress = progress_by_course(user, courses)
    targets = resume(user, enrolments, language_code, request)
    items = []
    for enrolment in enrolments:
        course = course_in_language[enrolment.course_id]
        course_url = _url_in_language(course, language_code, request)
        target = targets.get(enrolment.course_id)
        done, total = progress[enrolment.course_id]
        items.append(
            {
                "course": course,
                "continue_url": target["url"] if target else course_url,
                "continue_title": target["title"] if target else None,
                "course_url": course_url,
                "done": done,
                "total": total,
                "completed_at": enrolment.completed_at,
                "last_visited_at": enrolment.last_visited_at,
            }
        )
    return items


def anonymise_progress(user, **kwargs):
    """``learners.hooks.learner_erasing`` receiver: keep the user's progress as anonymous counts."""
    done = dict(
        LessonProgress.objects.filter(user=user, completed_at__isnull=False)
        .values("course_id")
        .annotate(n=Count("pk"))
        .values_list("course_id", "n")
    )
    rows = []
    for enrolment in Enrolment.objects.filter(user=user):
        visited = timezone.localtime(enrolment.last_visited_at or enrolment.started_at).date()
        rows.append(
            AnonymousProgress(
                course_id=enrolment.course_id,
                centre_id=user.home_centre_id,
                month=visited.replace(day=1),
                lessons_completed=done.get(enrolment.course_id, 0),
                completed=enrolment.completed_at is not None,
            )
        )
    AnonymousProgress.objects.bulk_create(rows)
    return rows
