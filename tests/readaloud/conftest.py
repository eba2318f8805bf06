import json
import shutil
import subprocess

import pytest

THAI_BODY = [
    {"type": "heading", "value": "ถ่ายรูปสินค้าให้น่าซื้อ"},
    {
        "type": "paragraph",
        "value": (
            "<p>รูปสินค้าที่ชัดช่วยให้ลูกค้าตัดสินใจซื้อได้ง่ายขึ้น ถ่ายรูปในที่ที่มีแสงธรรมชาติ"
            " แล้ววาง<b>สินค้าบนพื้นสีเรียบ</b> ลูกค้าจะเห็นรายละเอียดได้ชัดเจน</p>"
        ),
    },
    {
        "type": "callout",
        "value": {"kind": "tip", "text": "<p>เช็ดเลนส์กล้องมือถือก่อนถ่ายทุกครั้ง</p>"},
    },
]


def publish(page):
    """Publish ``page`` as an editor does, running what waits for the commit (the audio task)."""
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        revision = page.save_revision()
        revision.publish()
    page.refresh_from_db()
    return revision


def opus_seconds(path):
    """Duration of an Ogg Opus file read back by opusinfo (opus-tools)."""
    out = subprocess.run(["opusinfo", str(path)], capture_output=True, text=True, check=True).stdout
    line = next(line for line in out.splitlines() if "Playback length" in line)
    minutes, seconds = line.split(":", 1)[1].strip().rstrip("s").split("m:")
    return int(minutes) * 60 + float(seconds)


@pytest.fixture
def audio_settings(settings, tmp_path):
    settings.READ_ALOUD_ROOT = tmp_path / "read-aloud"
    settings.READ_ALOUD_ON_PUBLISH = True
    assert shutil.which("espeak-ng") and shutil.which("opusenc"), "tools/debian-packages test installs them"
    return settings


@pytest.fixture
def thai_lesson(site):
    from tests.factories import make_course, make_lesson

    course, _ = make_course(site["catalog"], slug="listen", lessons=0, title="ฟังได้")
    publish(course)
    lesson = make_lesson(course, "photos", title="ถ่ายรูปสินค้า", intro="รูปดีขายง่าย", body=json.loads(json.dumps(THAI_BODY)))
    return lesson
