"""Read-aloud audio made on the server for the demo lessons: size per minute and time to make.

Run: .venv/bin/python -m bench.read_aloud [LESSONS]
     DATABASE_URL=postgres://... .venv/bin/python -m bench.read_aloud
Uses its own SQLite database (var/bench_read_aloud.sqlite3) unless DATABASE_URL is set, loads the demo once,
then makes every demo lesson's audio (Thai and English; LESSONS limits how many) with espeak-ng + opusenc, as
the task does on publish, into a temporary folder. Prints per lesson and in total: spoken minutes, KB, KB per
spoken minute, KB per minute of the lesson's estimated reading time, and seconds to make.
"""

import os
import statistics
import sys
import tempfile
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.bench")
os.environ.setdefault("DATABASE_URL", "sqlite:///" + os.path.abspath("var/bench_read_aloud.sqlite3"))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402

from lessons.models import CatalogPage, LessonPage  # noqa: E402
from readaloud.services import make_page_audio  # noqa: E402


def prepare():
    os.makedirs("var", exist_ok=True)
    settings.READ_ALOUD_ON_PUBLISH = False  # the benchmark makes the audio itself, timed
    call_command("migrate", "--noinput", verbosity=0)
    if not CatalogPage.objects.exists():
        call_command("load_demo", stdout=open(os.devnull, "w"))


def main():
    prepare()
    lessons = list(LessonPage.objects.live().select_related("locale").order_by("locale__language_code", "path"))
    if len(sys.argv) > 1:
        lessons = lessons[: int(sys.argv[1])]
    rows = []
    try:
        make_all(lessons, rows)
    except KeyboardInterrupt:
        print("interrupted: figures for the lessons done so far")
    summary(rows)


def make_all(lessons, rows):
    with tempfile.TemporaryDirectory(prefix="bench-read-aloud-") as folder:
        settings.READ_ALOUD_ROOT = folder
        for lesson in lessons:
            if lesson.live_revision_id is None:
                lesson.save_revision().publish()
                lesson.refresh_from_db()
            started = time.monotonic()
            (audio,) = make_page_audio(lesson)
            seconds = time.monotonic() - started
            if audio.status != "ready":
                print(f"FAILED {lesson.title}: {audio.error}")
                continue
            rows.append((lesson, audio, seconds))
            print(
                f"{audio.language}  {len(audio.sentences):3d} sentences  {audio.duration / 60:5.2f} min spoken  "
                f"{audio.size / 1024:6.1f} KB  {audio.size / 1024 / (audio.duration / 60):5.1f} KB/min spoken  "
                f"{audio.size / 1024 / lesson.minutes:5.1f} KB per lesson minute  made in {seconds:5.2f} s  "
                f"{lesson.title[:40]}"
            )


def summary(rows):
    if not rows:
        print("no lessons")
        return
    print()
    print(f"Opus {settings.READ_ALOUD_BITRATE_KBPS} kbit/s, espeak-ng at {settings.READ_ALOUD_WORDS_PER_MINUTE} wpm")
    for language in sorted({audio.language for _l, audio, _s in rows}):
        mine = [(lesson, audio, s) for lesson, audio, s in rows if audio.language == language]
        size = sum(audio.size for _l, audio, _s in mine) / 1024
        spoken = sum(audio.duration for _l, audio, _s in mine) / 60
        planned = sum(lesson.minutes for lesson, _a, _s in mine)
        times = [s for _l, _a, s in mine]
        print(
            f"{language}: {len(mine)} lessons, {spoken:.1f} min spoken, {size:.0f} KB: "
            f"{size / spoken:.1f} KB per spoken minute, {size / planned:.1f} KB per minute of lesson "
            f"(estimated reading time {planned} min); time to make a lesson's audio: "
            f"median {statistics.median(times):.2f} s, max {max(times):.2f} s "
            f"({sum(times) / spoken:.2f} s per spoken minute)"
        )


if __name__ == "__main__":
    main()
