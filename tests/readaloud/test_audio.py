"""Audio made on the server when a page is published: espeak-ng's voice, Opus, cached per revision, served
with the page's own visibility."""

from urllib.parse import quote

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import PageViewRestriction

from readaloud.models import LessonAudio
from readaloud.sentences import sentences
from tests.factories import UserFactory, make_quiz, quiz_question

from .conftest import opus_seconds, publish

pytestmark = pytest.mark.django_db


def test_publishing_a_lesson_makes_opus_audio_of_its_sentences(audio_settings, thai_lesson, client):
    revision = publish(thai_lesson)
    audio = LessonAudio.objects.get(page=thai_lesson, revision=revision, part="lesson")
    assert audio.status == "ready" and audio.language == "th"
    expected = sentences(thai_lesson.read_aloud_parts()[0][1])
    assert audio.sentences == expected and expected[0] == "ถ่ายรูปสินค้า"
    assert len(audio.timings) == len(expected) and audio.timings == sorted(audio.timings)
    path = audio_settings.READ_ALOUD_ROOT / audio.file.name
    assert path.read_bytes()[:4] == b"OggS" and b"OpusHead" in path.read_bytes()[:200]
    assert opus_seconds(path) == pytest.approx(audio.duration, abs=0.1)
    assert audio.duration > 3 and audio.timings[-1] < audio.duration
    assert f"{thai_lesson.pk}-r{revision.pk}-th-lesson" in audio.file.name


def test_the_lesson_page_shows_the_same_sentences_as_the_audio(audio_settings, thai_lesson, client):
    from bs4 import BeautifulSoup

    publish(thai_lesson)
    audio = LessonAudio.objects.get(page=thai_lesson)
    html = client.get(thai_lesson.url).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    control = soup.select_one(".read-aloud .ra-control")
    assert control["data-ra-lang"] == "th" and control["data-ra-audio"] == audio.url
    assert len(control["data-ra-timings"].split(",")) == len(audio.sentences)
    spoken = {}
    for span in soup.select("article .ra-s[data-ra]"):
        spoken[int(span["data-ra"])] = spoken.get(int(span["data-ra"]), "") + span.get_text()
    assert [" ".join(spoken[n].split()) for n in sorted(spoken)] == audio.sentences
    assert "ฟังบทเรียน" in html
    assert soup.select_one(".ra-audio-row audio")["src"] == audio.url  # without JavaScript: a plain player


def test_republishing_makes_new_audio_and_drops_the_old(audio_settings, thai_lesson, client):
    first = publish(thai_lesson)
    old = LessonAudio.objects.get(page=thai_lesson)
    old_path = audio_settings.READ_ALOUD_ROOT / old.file.name
    assert old_path.exists()
    thai_lesson.title = "ถ่ายรูปสินค้าให้สวย"
    second = publish(thai_lesson)
    audio = LessonAudio.objects.get(page=thai_lesson)
    assert audio.revision_id == second.pk != first.pk
    assert audio.sentences[0] == "ถ่ายรูปสินค้าให้สวย"
    assert not old_path.exists()
    assert client.get(old.url).status_code == 404
    response = client.get(audio.url)
    assert response.status_code == 200 and response["Content-Type"] == "audio/ogg; codecs=opus"


def test_a_stale_task_for_an_old_revision_does_nothing(audio_settings, thai_lesson):
    from readaloud.tasks import make_audio

    first = publish(thai_lesson)
    audio_settings.READ_ALOUD_ON_PUBLISH = False
    publish(thai_lesson)
    assert make_audio.call(thai_lesson.pk, first.pk) == 0


def test_quiz_questions_get_one_audio_each(audio_settings, site):
    from tests.factories import make_course

    course, lessons = make_course(site["catalog"], slug="quiz-listen", lessons=1)
    questions = [
        quiz_question(text="ควรถ่ายรูปสินค้าที่ไหน", options=("ในที่มืด", "ในที่มีแสงธรรมชาติ"), key="q-light"),
        quiz_question(kind="truefalse", text="ควรเช็ดเลนส์ก่อนถ่าย", correct=("true",), key="q-lens"),
    ]
    quiz = make_quiz(course, questions=questions)
    publish(quiz)
    audio = {a.part: a for a in LessonAudio.objects.filter(page=quiz)}
    assert set(audio) == {"q-light", "q-lens"} and all(a.status == "ready" for a in audio.values())
    spoken = audio["q-light"].sentences
    assert spoken[0] == "ควรถ่ายรูปสินค้าที่ไหน"
    assert "ในที่มืด" in " ".join(spoken) and spoken[-1].endswith("ควรถ่ายรูปสินค้าที่ไหน")  # the last option
    assert audio["q-lens"].sentences[0] == "ควรเช็ดเลนส์ก่อนถ่าย" and len(audio["q-lens"].sentences) == 3


def test_make_read_aloud_audio_command_fills_in_missing_audio(settings, audio_settings, thai_lesson, capsys):
    settings.READ_ALOUD_ON_PUBLISH = False
    publish(thai_lesson)
    assert not LessonAudio.objects.exists()
    call_command("make_read_aloud_audio")
    assert LessonAudio.objects.filter(page=thai_lesson, status="ready").count() == 1
    call_command("make_read_aloud_audio")
    assert "1 pages already done" in capsys.readouterr().out


# --- who may fetch the audio ----------------------------------------------------------------------------------


def test_anyone_may_fetch_the_audio_of_a_public_lesson_with_ranges(audio_settings, thai_lesson, client):
    publish(thai_lesson)
    audio = LessonAudio.objects.get(page=thai_lesson)
    whole = b"".join(client.get(audio.url).streaming_content)
    assert whole[:4] == b"OggS" and len(whole) == audio.size
    part = client.get(audio.url, HTTP_RANGE="bytes=0-99")
    assert part.status_code == 206 and part.content == whole[:100]
    assert part["Content-Range"] == f"bytes 0-99/{audio.size}"
    tail = client.get(audio.url, HTTP_RANGE="bytes=-10")
    assert tail.status_code == 206 and tail.content == whole[-10:]
    assert client.get(audio.url, HTTP_RANGE=f"bytes={audio.size + 5}-").status_code == 416
    assert client.head(audio.url).status_code == 200
    assert client.post(audio.url).status_code == 405


def test_unpublished_lesson_audio_is_not_served(audio_settings, thai_lesson, client):
    publish(thai_lesson)
    audio = LessonAudio.objects.get(page=thai_lesson)
    thai_lesson.unpublish()
    assert client.get(audio.url).status_code == 404
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert client.get(audio.url).status_code == 404  # not live: nobody, as for the page itself


def test_private_lesson_audio_only_for_those_the_page_lets_in(audio_settings, thai_lesson, client):
    publish(thai_lesson)
    audio = LessonAudio.objects.get(page=thai_lesson)
    group = Group.objects.create(name="ผู้เรียนศูนย์ทดลอง")
    restriction = PageViewRestriction.objects.create(page=thai_lesson, restriction_type="groups")
    restriction.groups.add(group)
    refused = client.get(thai_lesson.url)
    assert refused.status_code == 302
    assert refused["Location"] == f"{reverse('learners:login')}?next={quote(thai_lesson.url, safe='/')}"
    assert client.get(audio.url).status_code == 403
    outsider = UserFactory(username="outsider")
    client.force_login(outsider)
    assert client.get(audio.url).status_code == 403
    member = UserFactory(username="member")
    member.groups.add(group)
    client.force_login(member)
    page = client.get(thai_lesson.url)
    assert page.status_code == 200 and "ถ่ายรูปสินค้า" in page.content.decode()
    response = client.get(audio.url)
    assert response.status_code == 200 and "private" in response["Cache-Control"]


def test_signed_in_only_lesson_audio(audio_settings, thai_lesson, client):
    publish(thai_lesson)
    audio = LessonAudio.objects.get(page=thai_lesson)
    PageViewRestriction.objects.create(page=thai_lesson.get_parent(), restriction_type="login")
    assert client.get(audio.url).status_code == 403
    client.force_login(UserFactory())
    response = client.get(audio.url)
    assert response.status_code == 200 and response["Content-Type"] == "audio/ogg; codecs=opus"


@pytest.mark.parametrize(
    "path",
    [
        "/read-aloud/{page}/{revision}/other-part.opus",
        "/read-aloud/{page}/999999/lesson.opus",
        "/read-aloud/999999/{revision}/lesson.opus",
        "/read-aloud/{page}/{revision}/lesson.mp3",
        "/read-aloud/{page}/{revision}/%E0%B8%9F.opus",
        "/read-aloud/{page}/{revision}/lesson%00.opus",
        "/read-aloud/{page}/99999999999999999999/lesson.opus",
        "/read-aloud/%FF/{revision}/lesson.opus",
    ],
)
def test_bad_audio_addresses_are_404(audio_settings, thai_lesson, client, path):
    revision = publish(thai_lesson)
    response = client.get(path.format(page=thai_lesson.pk, revision=revision.pk))
    assert response.status_code == 404


def test_failed_audio_is_recorded_and_not_offered(audio_settings, thai_lesson, client, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # a server without espeak-ng
    publish(thai_lesson)
    audio = LessonAudio.objects.get(page=thai_lesson)
    assert audio.status == "failed" and "espeak-ng" in audio.error
    assert client.get(audio.url).status_code == 404
    assert "data-ra-audio" not in client.get(thai_lesson.url).content.decode()
