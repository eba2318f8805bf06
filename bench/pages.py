"""Lesson page speed on the loaded demo: median and p95 time under gunicorn, and SQL queries per page.

Run: DATABASE_URL=sqlite:////tmp/bench_lessons.sqlite3 .venv/bin/python -m bench.pages [REQUESTS]
     DATABASE_URL=postgres://postgres@127.0.0.1:5433/bench_lessons .venv/bin/python -m bench.pages [REQUESTS]
REQUESTS (default 200) sequential requests per case after 10 warm-up requests, for an anonymous and a signed-in
reader, in Thai and in English; 0 prints only the query table. Queries are counted in-process with Django's test
client on the same database, on a repeat view, for the home, catalogue, course and lesson pages against issue
#12's budgets (8 for a visitor, 12 for a signed-in learner); exits 1 when a page is over its budget.
"""

import os
import statistics
import sys
import time
import urllib.request

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.bench")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from bench._server import running_server  # noqa: E402
from bench.budgets import PAGES, QUERY_BUDGET  # noqa: E402

WARM_UP = 10


def timings(url, count, cookie=None):
    headers = {"Cookie": cookie} if cookie else {}
    samples = []
    for i in range(WARM_UP + count):
        request = urllib.request.Request(url, headers=headers)
        start = time.perf_counter()
        with urllib.request.urlopen(request) as response:
            response.read()
            assert response.status == 200, response.status
        if i >= WARM_UP:
            samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def query_count(client, path):
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, response.status_code
    return len(queries.captured_queries)


def query_table(anonymous, signed_in):
    """Print queries per page against the budgets; True when every page is within its budget."""
    print(f"{'reader':<10} {'lang':<4} {'page':<10} {'queries':>8} {'budget':>7}")
    within = True
    for reader, client in (("anonymous", anonymous), ("signed-in", signed_in)):
        for language in ("th", "en"):
            for name, path in PAGES.items():
                queries = query_count(client, path.format(lang=language))
                ok = queries <= QUERY_BUDGET[reader]
                within &= ok
                verdict = "ok" if ok else "OVER"
                print(f"{reader:<10} {language:<4} {name:<10} {queries:>8} {QUERY_BUDGET[reader]:>7}  {verdict}")
    return within


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    database = settings.DATABASES["default"]
    print(f"Database: {database['ENGINE'].rsplit('.', 1)[-1]} {database['NAME']}")
    from learners.models import User

    setup_test_environment()
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    anonymous, signed_in = Client(), Client()
    signed_in.force_login(User.objects.get(username="learner"))
    if count:
        cookie = f"{settings.SESSION_COOKIE_NAME}={signed_in.cookies[settings.SESSION_COOKIE_NAME].value}"
        with running_server(workers=1) as base:
            print(f"{'reader':<10} {'lang':<4} {'median ms':>10} {'p95 ms':>8}  path")
            for reader, reader_cookie in (("anonymous", None), ("signed-in", cookie)):
                for language in ("th", "en"):
                    path = PAGES["lesson"].format(lang=language)
                    median, p95 = timings(base + path, count, reader_cookie)
                    print(f"{reader:<10} {language:<4} {median:>10.1f} {p95:>8.1f}  {path}")
        print(f"gunicorn, 1 worker, {count} sequential requests per row after {WARM_UP} warm-up requests.")
    else:  # the server's preparation collects them otherwise; the pages use the hashed static manifest
        call_command("collectstatic", "--noinput", verbosity=0)
    within = query_table(anonymous, signed_in)
    print("Queries on a repeat view, counted with Django's test client (sessions in the database).")
    print(
        "Repeat: DATABASE_URL="
        + os.environ.get("DATABASE_URL", "(default var/bench.sqlite3)")
        + f" .venv/bin/python -m bench.pages {count}"
    )
    sys.exit(0 if within else 1)


if __name__ == "__main__":
    main()
