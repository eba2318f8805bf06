"""Offline course pack size of every demo course, in Thai and English, through a production-like server.

Run: .venv/bin/python -m bench.offline_packs
Signs in as the demo learner (own device), asks each course's pack endpoint for its URLs and announced size,
then downloads every URL as the browser's saver does and prints the bytes actually stored (uncompressed, as
the Cache API keeps them; pictures are read from MEDIA_ROOT, which nginx serves in production).
Budget: the safe-internet course <= 1.5 MB.
"""

import http.cookiejar
import json
import os
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from bench._server import ROOT, running_server

BUDGET = 1_500_000
BUDGET_COURSE = "safe-internet"
LEARNER = ("learner", "demo-learner-2569")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", ROOT / "var" / "media"))


def signed_in_opener(base):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/th/accounts/sign-in/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": LEARNER[0], "password": LEARNER[1]})
    request = urllib.request.Request(base + "/th/accounts/sign-in/", data=form.encode(), headers={"Referer": base})
    opener.open(request).read()
    return opener


def course_ids(base, opener, language):
    """``[(slug, page id)]`` of the catalogue's courses, read from the course pages' save buttons."""
    catalogue = opener.open(f"{base}/{language}/").read().decode()
    courses = []
    for path in dict.fromkeys(re.findall(rf'href="(/{language}/[^"/]+/[^"/]+/)"', catalogue)):
        try:
            html = opener.open(base + path).read().decode()
        except urllib.error.HTTPError:
            continue
        match = re.search(r'data-course="(\d+)"', html)
        if match:
            courses.append((path.rstrip("/").rsplit("/", 1)[-1], int(match.group(1))))
    return courses


def main():
    ok = True
    with running_server() as base:
        opener = signed_in_opener(base)
        print(f"{'course':28} {'lang':4} {'files':>5} {'announced':>11} {'stored':>11}  pages / images / static")
        for language in ("th", "en"):
            for slug, course_id in course_ids(base, opener, language):
                pack = json.loads(opener.open(f"{base}/{language}/offline/courses/{course_id}/pack/").read())
                stored = 0
                kinds = {"page": 0, "image": 0, "static": 0}
                for entry in pack["entries"]:
                    if entry["url"].startswith("/media/"):  # nginx serves media in production, not gunicorn
                        size = (MEDIA_ROOT / urllib.parse.unquote(entry["url"][len("/media/") :])).stat().st_size
                    else:
                        size = len(opener.open(base + entry["url"]).read())
                    stored += size
                    kind = (
                        "image"
                        if entry["url"].startswith("/media/")
                        else "static"
                        if entry["kind"] == "asset"
                        else "page"
                    )
                    kinds[kind] += size
                line = f"{slug:28} {language:4} {len(pack['entries']):5} {pack['bytes']:11,} {stored:11,}"
                print(line + f"  {kinds['page']:,} / {kinds['image']:,} / {kinds['static']:,}")
                if slug == BUDGET_COURSE:
                    ok &= stored <= BUDGET and pack["bytes"] <= BUDGET
    print(f"budget: {BUDGET_COURSE} <= {BUDGET:,} bytes stored: {'met' if ok else 'NOT met'}")
    print("command: .venv/bin/python -m bench.offline_packs")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
