"""Page weight of a text-only Thai lesson in Chromium through nginx: first and repeat visit, bytes over the wire.

Run: .venv/bin/python -m bench.page_weight [PATH]   (default PATH: a text-only Thai lesson of the demo)

gunicorn serves the project (production-like static files) behind nginx configured by deploy/nginx/lms.conf
(gzip and brotli, immutable static files), both on free loopback ports. Issue #12's budgets: first visit
<= 70 KB, repeat visit <= 8 KB. The repeat visit is measured twice: as a learner's phone makes it (the
offline service worker answers) and with service workers blocked (the browser's HTTP cache only). The last
table fetches each resource of the first visit again with each Accept-Encoding (nginx serves static files
as their precompressed .gz, so Chromium gets brotli for the HTML only).
Needs Debian's nginx, libnginx-mod-http-brotli-filter and libnginx-mod-http-brotli-static.
"""

import contextlib
import os
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench._server import ROOT, free_port, running_server, wait_for_health
from bench.budgets import FIRST_BUDGET, REPEAT_BUDGET
from bench.cluster import nginx_command
from tests.conftest import CHROMIUM, CHROMIUM_ARGS

LESSON = "/th/courses/online-selling/where-to-sell/"  # text, steps, a checklist: no picture, no practice
ENCODINGS = ("identity", "gzip", "br")


def measure(url, service_workers="allow"):
    """Per visit: ``(visit, total, [(url, encoded bytes, how)])`` received by Chromium (DevTools); ``how`` is the
    content-encoding, and "service worker" or "cache" when the response came from there."""
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 360, "height": 740}, service_workers=service_workers)
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        rows = {}

        def received(event):
            response = event["response"]
            how = {k.lower(): v for k, v in response["headers"].items()}.get("content-encoding", "-")
            if response.get("fromServiceWorker"):
                how += " service worker"
            elif response.get("fromDiskCache") or response.get("fromPrefetchCache"):
                how += " cache"
            rows.setdefault(event["requestId"], [response["url"], 0, how])

        cdp.on("Network.responseReceived", received)
        cdp.on(
            "Network.loadingFinished",
            lambda e: rows.setdefault(e["requestId"], ["?", 0, ""]).__setitem__(1, e["encodedDataLength"]),
        )
        results = []
        for visit in ("first", "repeat"):
            rows.clear()
            page.goto(url, wait_until="networkidle")
            page.evaluate("document.fonts.ready")
            total = sum(size for _, size, _ in rows.values())
            results.append((visit, total, sorted(rows.values(), key=lambda r: -r[1])))
        browser.close()
    return results


def body_bytes(url, encoding):
    """Bytes of the response body as sent with ``Accept-Encoding: encoding``, and the encoding nginx chose."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})
    with urllib.request.urlopen(request) as response:
        return len(response.read()), response.headers.get("Content-Encoding", "identity")


@contextlib.contextmanager
def behind_nginx(app_url, static_root, media_root):
    """Yield the URL of nginx, configured by deploy/nginx/lms.conf, in front of the app server at ``app_url``."""
    with tempfile.TemporaryDirectory(prefix="lms-nginx-") as directory:
        conf = Path(directory)
        conf.chmod(0o755)
        port = free_port()
        command = nginx_command(
            conf,
            port=port,
            apps=[app_url.removeprefix("http://")] * 2,  # one app server: both upstream lines point at it
            static_root=static_root,
            media_root=media_root,
            processes=1,
            connections=64,
        )
        nginx = subprocess.Popen(command)
        url = f"http://127.0.0.1:{port}"
        try:
            wait_for_health(url)
            yield url
        finally:
            nginx.terminate()
            nginx.wait(timeout=30)


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else LESSON
    static_root = os.environ.get("STATIC_ROOT", str(ROOT / "var" / "static"))  # as lms/settings/base.py
    media_root = os.environ.get("MEDIA_ROOT", str(ROOT / "var" / "media"))
    with running_server(workers=1) as app, behind_nginx(app, static_root, media_root) as base:
        results = measure(base + path)
        results.append(("repeat, service workers blocked", *measure(base + path, service_workers="block")[1][1:]))
        resources = [url for url, _size, _encoding in results[0][2]]
        sizes = {url: [body_bytes(url, encoding) for encoding in ENCODINGS] for url in resources}
    ok = True
    for visit, total, rows in results:
        budget = FIRST_BUDGET if visit == "first" else REPEAT_BUDGET
        ok &= total <= budget
        verdict = "" if total <= budget else "  OVER BUDGET"
        print(f"{visit:6} visit of {path}: {total / 1024:.1f} KB over the wire (budget {budget // 1024} KB){verdict}")
        for url, size, encoding in rows:
            print(f"    {size / 1024:7.1f} KB  {encoding:<20} {url.split('/', 3)[-1]}")
    print(f"\nBodies through nginx by Accept-Encoding (KB, headers not counted): {' / '.join(ENCODINGS)}")
    totals = [0, 0, 0]
    for url, row in sizes.items():
        totals = [t + size for t, (size, _encoding) in zip(totals, row, strict=True)]
        figures = " / ".join(f"{size / 1024:.1f} ({encoding})" for size, encoding in row)
        print(f"    {figures}  {url.split('/', 3)[-1]}")
    print("    " + " / ".join(f"{total / 1024:.1f}" for total in totals) + "  first visit's bodies in all")
    print("nginx (deploy/nginx/lms.conf) -> gunicorn, 1 worker; Chromium 360x740, default cache.")
    print("command: .venv/bin/python -m bench.page_weight " + path)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
