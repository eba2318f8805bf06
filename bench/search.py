"""Search speed with a few thousand lessons: median and p95 time of the search page under gunicorn, and its queries.

Run: DATABASE_URL=sqlite:////tmp/bench_search.sqlite3 .venv/bin/python -m bench.search [LESSONS]
     DATABASE_URL=postgres://postgres@127.0.0.1:5433/bench_search .venv/bin/python -m bench.search [LESSONS]
LESSONS (default 2000) is the number of extra Thai lessons made from the demo lessons' text; they are kept in that
database, so a second run starts at once.
"""

import json
import os
import statistics
import sys
import time
import urllib.parse
import urllib.request

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.bench")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from wagtail.models import Locale  # noqa: E402

from bench._server import running_server  # noqa: E402
from lessons.models import CatalogPage, CoursePage, LessonPage  # noqa: E402

QUERIES = ["รหัสผ่าน", "มิจฉาชีพ", "ราคา", "ถ่ายรูป", "ขายของ ออนไลน์", "ทุเรียน"]
LESSONS_PER_COURSE = 40
REQUESTS = 40


def prepare(lessons):
    call_command("migrate", "--noinput", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    call_command("compilemessages", "--ignore=.venv", "--ignore=var", verbosity=0)
    if not CatalogPage.objects.exists():
        call_command("load_demo", stdout=open(os.devnull, "w"))
    thai = Locale.objects.get(language_code="th")
    catalog = CatalogPage.objects.get(locale=thai)
    demo = list(LessonPage.objects.filter(locale=thai).exclude(slug__startswith="bench-"))
    have = LessonPage.objects.filter(slug__startswith="bench-").count()
    created = have < lessons
    while have < lessons:
        number = have // LESSONS_PER_COURSE
        course = CoursePage.objects.filter(slug=f"bench-course-{number}").first() or catalog.add_child(
            instance=CoursePage(title=f"หลักสูตรทดสอบ {number}", slug=f"bench-course-{number}", summary="หลักสูตรทดสอบ")
        )
        for i in range(have % LESSONS_PER_COURSE, min(LESSONS_PER_COURSE, lessons - number * LESSONS_PER_COURSE)):
            source = demo[(have + i) % len(demo)]
            course.add_child(
                instance=LessonPage(
                    title=f"{source.title} {have + i}",
                    slug=f"bench-{have + i}",
                    intro=source.intro,
                    body=json.dumps(list(source.body.raw_data)),
                    minutes=source.minutes,
                )
            )
        have = LessonPage.objects.filter(slug__startswith="bench-").count()
        print(f"  {have} extra lessons", file=sys.stderr)
    started = time.perf_counter()
    if created:  # the bench settings queue index updates for a worker that is not running
        call_command("update_index", verbosity=0)
    return (time.perf_counter() - started) if created else None, LessonPage.objects.live().count()


def query_counts():
    setup_test_environment()  # lets the client see the template context
    client = Client(HTTP_HOST="localhost")
    counts = {}
    for query in QUERIES:
        client.get("/th/learning/search/", {"q": query})
        with CaptureQueriesContext(connection) as ctx:
            response = client.get("/th/learning/search/", {"q": query})
        counts[query] = (len(ctx), response.context["page_obj"].paginator.count if response.context["results"] else 0)
    return counts


def timings(base):
    rows = {}
    for query in QUERIES:
        url = f"{base}/th/learning/search/?{urllib.parse.urlencode({'q': query})}"
        for _ in range(4):  # every worker loads the Thai dictionary once
            urllib.request.urlopen(url).read()
        samples = []
        for _ in range(REQUESTS):
            started = time.perf_counter()
            urllib.request.urlopen(url).read()
            samples.append((time.perf_counter() - started) * 1000)
        rows[query] = (statistics.median(samples), statistics.quantiles(samples, n=20)[18])
    return rows


def match_times():
    """PostgreSQL only: median ms of the full-text match with the project's GIN index, then with it dropped.

    The drop happens inside a transaction that is rolled back, so the database keeps its index.
    """
    if connection.vendor != "postgresql":
        return None
    from django.db import transaction
    from django.utils import translation

    from lessons.search import search

    def median_ms():
        rows = {}
        for query in QUERIES:
            search(query)
            samples = []
            for _ in range(10):
                started = time.perf_counter()
                search(query)
                samples.append((time.perf_counter() - started) * 1000)
            rows[query] = statistics.median(samples)
        return rows

    with translation.override("th"):
        with_index = median_ms()
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("DROP INDEX lessons_search_title_body_gin")
            without_index = median_ms()
            transaction.set_rollback(True)
    return with_index, without_index


def main():
    lessons = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    index_seconds, live_lessons = prepare(lessons)
    counts = query_counts()
    matches = match_times()
    if matches:
        with_index, without_index = matches
        print("Full-text match alone (lessons.search.search), median of 10, PostgreSQL:")
        print(f"{'query':<18} {'GIN index ms':>12} {'no index ms':>11}")
        for query in QUERIES:
            print(f"{query:<18} {with_index[query]:>12.1f} {without_index[query]:>11.1f}", flush=True)
    with running_server(prepare=False, extra_env={"DJANGO_SETTINGS_MODULE": "lms.settings.bench"}) as base:
        times = timings(base)
        report(lessons, index_seconds, live_lessons, counts, times)


def report(lessons, index_seconds, live_lessons, counts, times):
    indexed = f"update_index took {index_seconds:.1f} s" if index_seconds is not None else "index already built"
    print(f"Search page, {connection.vendor}, {live_lessons} live lessons ({indexed}), gunicorn 2 workers")
    print(f"{'query':<18} {'results':>7} {'queries':>7} {'median ms':>9} {'p95 ms':>7}")
    for query in QUERIES:
        (queries, results), (median, p95) = counts[query], times[query]
        print(f"{query:<18} {results:>7} {queries:>7} {median:>9.1f} {p95:>7.1f}")
    print(
        f"Repeat: DATABASE_URL={os.environ.get('DATABASE_URL', '(default)')} .venv/bin/python -m bench.search {lessons}"
    )


if __name__ == "__main__":
    main()
