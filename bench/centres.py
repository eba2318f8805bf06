"""All 2,281 centres: import time, and what the sign-up centre picker sends to a phone.

Run: DATABASE_URL=postgres://... .venv/bin/python -m bench.centres   (default: var/bench.sqlite3)
Prints: import_centres wall time for 2,281 rows (first load and an unchanged re-run), the sign-up page size
with all centres loaded, and the size and median time of the htmx picker response for a province search.
"""

import os
import statistics
import time
import urllib.parse
import urllib.request

from bench._server import running_server

PROVINCES = ["เชียงใหม่", "ขอนแก่น", "ปัตตานี", "สงขลา", "น่าน", "ตาก", "ชลบุรี", "อุบลราชธานี", "นครราชสีมา"]
KINDS = ["temple", "mosque", "school", "library", "village_hall", "coop", "local_government", "army_camp", "other"]


def centres_csv(n=2281):
    rows = ["code,name_th,name_en,type,province,district"]
    for i in range(n):
        province = PROVINCES[i % len(PROVINCES)]
        rows.append(
            f"BENCH-{i:05d},ศูนย์ดิจิทัลชุมชนบ้านหนองบัว{i},Ban Nong Bua {i} CDC,{KINDS[i % 9]},{province},อำเภอ{i % 40}"
        )
    return "\n".join(rows) + "\n"


def timed_import(data):
    from learners.centres import import_centres

    start = time.perf_counter()
    counts = import_centres(data)
    return time.perf_counter() - start, counts


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    start = time.perf_counter()
    with urllib.request.urlopen(request) as response:
        body = response.read()
    return body, time.perf_counter() - start


RADIO = b'name="centre"'


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.bench")
    with running_server() as base:
        import django

        django.setup()
        from learners.models import Centre

        Centre.objects.filter(code__startswith="BENCH-").delete()
        data = centres_csv().encode()
        first, first_counts = timed_import(data)
        again, again_counts = timed_import(data)
        page, _ = fetch(base + "/th/accounts/sign-up/")
        query = urllib.parse.urlencode({"centre_q": "ขอนแก่น"})
        times = []
        for _ in range(20):
            fragment, seconds = fetch(f"{base}/th/accounts/centres/?{query}", {"HX-Request": "true"})
            times.append(seconds)
    print(f"import_centres, 2,281 rows: {first:.2f} s {first_counts}; same file again {again:.2f} s {again_counts}")
    print(f"sign-up page with all centres loaded: {len(page) / 1024:.1f} KB, {page.count(RADIO)} centre options")
    print(
        f"picker search 'ขอนแก่น' (htmx): {len(fragment) / 1024:.1f} KB, {fragment.count(RADIO)} options, "
        f"median {statistics.median(times) * 1000:.1f} ms over 20 requests"
    )
    print("command: DATABASE_URL=... .venv/bin/python -m bench.centres")


if __name__ == "__main__":
    main()
