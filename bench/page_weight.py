"""Page weight of a text-only page in Chromium: first visit and repeat visit, bytes over the wire.

Run: .venv/bin/python -m bench.page_weight [PATH]   (default PATH: /th/accounts/sign-in/, a text-only page)
Budget: first visit <= 100 KB, repeat visit <= 20 KB.
"""

import sys

from playwright.sync_api import sync_playwright

from bench._server import running_server
from tests.conftest import CHROMIUM, CHROMIUM_ARGS

FIRST_BUDGET = 100 * 1024
REPEAT_BUDGET = 20 * 1024


def measure(url):
    """Sum of encoded (compressed) bytes received for every request, via the DevTools protocol."""
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 360, "height": 740})
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        rows = {}
        cdp.on("Network.responseReceived", lambda e: rows.setdefault(e["requestId"], [e["response"]["url"], 0, ""]))
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


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "/th/accounts/sign-in/"
    with running_server() as base:
        results = measure(base + path)
    ok = True
    for visit, total, rows in results:
        budget = FIRST_BUDGET if visit == "first" else REPEAT_BUDGET
        ok &= total <= budget
        print(f"{visit:6} visit of {path}: {total / 1024:.1f} KB over the wire (budget {budget // 1024} KB)")
        for url, size, _ in rows:
            print(f"    {size / 1024:7.1f} KB  {url.split('/', 3)[-1]}")
    print("command: .venv/bin/python -m bench.page_weight " + path)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
