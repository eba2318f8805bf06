"""Read-aloud audio in offline packs: its size is always told, and it is packed only when the learner asks."""

import pytest
from django.urls import reverse
from django.utils import translation

from readaloud.models import LessonAudio
from tests.readaloud.conftest import audio_settings, publish, thai_lesson  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


def pack(client, course, audio=False):
    with translation.override("th"):
        url = reverse("offline:pack", args=[course.pk])
    response = client.get(url, {"audio": "1"} if audio else {})
    assert response.status_code == 200
    return response.json()


def test_a_pack_tells_the_audio_size_and_carries_the_audio_only_when_asked(
    audio_settings,  # noqa: F811
    thai_lesson,  # noqa: F811
    learner_client,
):
    publish(thai_lesson)
    course = thai_lesson.get_parent().specific
    audio = LessonAudio.objects.get(page=thai_lesson, part="lesson", status="ready")

    text_only = pack(learner_client, course)
    assert text_only["audio_bytes"] == audio.size > 10_000
    assert not [entry for entry in text_only["entries"] if entry["kind"] == "audio"]

    with_audio = pack(learner_client, course, audio=True)
    audio_entries = [entry for entry in with_audio["entries"] if entry["kind"] == "audio"]
    assert audio_entries == [
        {"url": audio.url, "bytes": audio.size, "rev": with_audio["revision"], "kind": "audio", "page": thai_lesson.pk}
    ]
    assert with_audio["bytes"] == text_only["bytes"] + audio.size
    assert learner_client.get(audio.url)["Content-Type"] == "audio/ogg; codecs=opus"


def test_audio_of_an_older_revision_is_not_packed(audio_settings, thai_lesson, learner_client):  # noqa: F811
    publish(thai_lesson)
    audio_settings.READ_ALOUD_ON_PUBLISH = False
    publish(thai_lesson)  # a new live revision whose audio is not made yet
    course = thai_lesson.get_parent().specific
    assert pack(learner_client, course)["audio_bytes"] == 0
    assert not [entry for entry in pack(learner_client, course, True)["entries"] if entry["kind"] == "audio"]
