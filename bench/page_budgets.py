"""Issue #12's page budgets, measured through the loopback cluster (nginx, two app servers, Redis, PostgreSQL).

Run: .venv/bin/python -m bench.page_budgets [REQUESTS]

Prints, for the home, catalogue, course and lesson pages: SQL queries per page for an anonymous reader and a
signed-in learner (budgets 8 and 12; counted with Django's test client in a process on the cluster's settings
and database), the median and p95 time through nginx over REQUESTS (default 50) sequential requests, and the
bytes over the wire of a text-only Thai lesson in headless Chromium through nginx, first and repeat visit
(budgets 70 KB and 8 KB). Exits 1 when a budget is missed.
"""

import json
import os
import statistics
import subprocess
import sys
import time

from bench import budgets
from bench._server import ROOT
from bench.cluster import Cluster
from bench.loadclient import Browser

PAGES = {name: path.format(lang="th") for name, path in budgets.PAGES.items()}

_COUNT_QUERIES = """
import json
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, setup_test_environment
from learners.models import User
setup_test_environment()
signed_in = Client()
signed_in.force_login(User.objects.get(username="learner"))
counts = {}
for reader, client in (("anonymous", Client()), ("signed-in", signed_in)):
    for name, path in PAGES.items():
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            status = client.get(path).status_code
        counts[f"{reader} {name}"] = (status, len(queries.captured_queries))
print(json.dumps(counts))
"""


def query_counts(cluster):
    env = {**cluster.env, "ALLOWED_HOSTS": cluster.env["ALLOWED_HOSTS"] + ",testserver"}
    code = f"PAGES = {PAGES!r}\n" + _COUNT_QUERIES
    command = [sys.executable, "manage.py", "shell", "-c", code]
    out = subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def timings(cluster, browser, path, count):
    """Median and p95 wall time through nginx, and app-server CPU ms per request (not inflated by other load)."""
    for _ in range(3):
        browser.get(path)
    cpu = cluster.cpu_seconds()
    samples = []
    for _ in range(count):
        start = time.perf_counter()
        assert browser.get(path, {"Accept-Encoding": "gzip"}).status == 200
        samples.append((time.perf_counter() - start) * 1000)
    cpu_ms = (cluster.cpu_seconds() - cpu) * 1000 / count
    samples.sort()
    return statistics.median(samples), samples[max(0, int(len(samples) * 0.95) - 1)], cpu_ms


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    ok = True
    with Cluster() as cluster:
        cluster.prepare(learners=1)
        counts = query_counts(cluster)
        learner = Browser(cluster.url, source="127.0.0.9")
        assert learner.sign_in("learner", "demo-learner-2569").status == 302
        readers = {"anonymous": Browser(cluster.url), "signed-in": learner}
        print(
            f"{'reader':<10} {'page':<10} {'queries':>8} {'budget':>7} {'median ms':>10} {'p95 ms':>7} "
            f"{'CPU ms':>7}  path"
        )
        for reader, browser in readers.items():
            for name, path in PAGES.items():
                status, queries = counts[f"{reader} {name}"]
                median, p95, cpu_ms = timings(cluster, browser, path, count)
                budget = budgets.QUERY_BUDGET[reader]
                within = status == 200 and queries <= budget
                ok &= within
                print(
                    f"{reader:<10} {name:<10} {queries:>8} {budget:>7} {median:>10.1f} {p95:>7.1f} {cpu_ms:>7.1f}  "
                    f"{path}{'' if within else '  OVER BUDGET'}"
                )
        if os.path.exists("/usr/bin/chromium"):
            from bench.page_weight import measure

            for visit, total, rows in measure(cluster.url + PAGES["lesson"]):
                budget = budgets.FIRST_BUDGET if visit == "first" else budgets.REPEAT_BUDGET
                ok &= total <= budget
                print(
                    f"{visit:6} visit of the lesson through nginx: {total / 1024:.1f} KB over the wire "
                    f"(budget {budget // 1024} KB){'' if total <= budget else '  OVER BUDGET'}"
                )
                for url, size, _ in rows:
                    print(f"    {size / 1024:7.1f} KB  {url.split('/', 3)[-1]}")
    print(f"{count} sequential requests per row through nginx -> 2 app servers x 2 workers, gzip; PostgreSQL.")
    print(f"command: .venv/bin/python -m bench.page_budgets {count}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
