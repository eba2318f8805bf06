"""Anonymous lesson throughput with and without the page cache, through gunicorn and a real Redis.

Run: .venv/bin/python -m bench.page_cache [SECONDS] [CLIENTS] [--reuse]

Starts a throwaway redis-server on a free loopback port and gunicorn (2 workers, lms.settings.bench, the demo
in var/bench.sqlite3 or DATABASE_URL) twice: PAGE_CACHE_SECONDS=0 (off) and 300 (on). Each run: CLIENTS
(default 4) threads, each a new visitor per request (no cookies, a new connection), GET the demo lesson for
SECONDS (default 10) after a warm-up. Prints requests per second, p50/p95 in ms, errors and the X-Page-Cache
outcomes, then the ratio. ``--reuse`` skips migrate / collectstatic / load_demo (a database already prepared).
The cluster (``bench.cluster``) measures the same switch through nginx.
"""

import http.client
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter

from bench._server import free_port, running_server

LESSON = "/th/courses/online-selling/set-your-price/"


def _get(port):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", LESSON, headers={"Accept-Encoding": "identity"})
        response = connection.getresponse()
        response.read()
        return response.status, response.getheader("X-Page-Cache", "-")
    except OSError:
        return 0, "-"
    finally:
        connection.close()


def load(port, seconds, clients):
    """``clients`` threads GET the lesson for ``seconds``; returns (requests/s, p50 ms, p95 ms, errors, outcomes)."""
    for _ in range(20):
        _get(port)
    timings, outcomes, errors = [], Counter(), Counter()
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def run():
        while time.monotonic() < stop:
            start = time.perf_counter()
            status, outcome = _get(port)
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                timings.append(elapsed)
                outcomes[outcome] += 1
                if status != 200:
                    errors[status] += 1

    threads = [threading.Thread(target=run) for _ in range(clients)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    duration = time.monotonic() - began
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1] if timings else 0
    return len(timings) / duration, statistics.median(timings), p95, sum(errors.values()), dict(outcomes)


def main():
    args = [arg for arg in sys.argv[1:] if arg != "--reuse"]
    reuse = "--reuse" in sys.argv
    seconds = float(args[0]) if args else 10
    clients = int(args[1]) if len(args) > 1 else 4
    redis_port = free_port()
    redis = subprocess.Popen(
        ["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    results = {}
    try:
        for index, cache_seconds in enumerate(("0", "300")):
            env = {"REDIS_URL": f"redis://127.0.0.1:{redis_port}/0", "PAGE_CACHE_SECONDS": cache_seconds}
            with running_server(workers=2, extra_env=env, prepare=index == 0 and not reuse) as base:
                port = int(base.rsplit(":", 1)[1])
                results[cache_seconds] = load(port, seconds, clients)
    finally:
        redis.terminate()
        redis.wait(timeout=10)
    print(f"Anonymous lesson {LESSON}: gunicorn 2 workers, Redis cache, {clients} clients, {seconds:g} s each")
    print(f"{'PAGE_CACHE_SECONDS':<19} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'errors':>7}  X-Page-Cache")
    for cache_seconds, (rate, p50, p95, errors, outcomes) in results.items():
        print(f"{cache_seconds:<19} {rate:>8.1f} {p50:>8.1f} {p95:>8.1f} {errors:>7}  {outcomes}")
    off, on = results["0"][0], results["300"][0]
    print(f"With the page cache: {on / off:.1f}x the throughput without it.")
    print(f"Repeat: .venv/bin/python -m bench.page_cache {seconds:g} {clients}" + (" --reuse" if reuse else ""))


if __name__ == "__main__":
    main()
