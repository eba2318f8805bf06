"""Make a page's read-aloud audio on the server: espeak-ng speaks each sentence, opusenc compresses.

A page takes part by having a ``read_aloud_parts()`` method returning ``[(part, html), ...]`` (a lesson has
one part, a quiz one per question): the same HTML, cut by ``sentences.mark``, that the page shows.
"""

import logging
import subprocess
import tempfile
import time
import wave
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import translation

from .models import LessonAudio
from .sentences import sentences as cut_sentences

log = logging.getLogger(__name__)

PAUSE_SECONDS = 0.35  # silence between sentences


class AudioError(Exception):
    pass


def voice_for(language):
    return settings.READ_ALOUD_VOICES.get(language, language)


def _speak(text, language, path):
    """One sentence to a WAV file with espeak-ng (text on stdin: never read as an option)."""
    command = ["espeak-ng", "-v", voice_for(language), "-s", str(settings.READ_ALOUD_WORDS_PER_MINUTE), "-w", path]
    result = subprocess.run(command, input=text.encode("utf-8"), capture_output=True, timeout=120)
    if result.returncode != 0:
        raise AudioError(f"espeak-ng failed: {result.stderr.decode('utf-8', 'replace')[:300]}")


def synthesize(sentences, language, folder):
    """All sentences in one mono WAV file with a pause between them; returns (path, start time of each)."""
    folder = Path(folder)
    frames, timings, rate, width = [], [], None, None
    for number, text in enumerate(sentences):
        part = folder / f"{number}.wav"
        _speak(text, language, str(part))
        with wave.open(str(part), "rb") as wav:
            if rate is None:
                rate, width = wav.getframerate(), wav.getsampwidth()
            data = wav.readframes(wav.getnframes())
        timings.append(round(sum(len(chunk) for chunk in frames) / (rate * width), 3))
        frames.append(data)
        frames.append(b"\0" * (int(rate * PAUSE_SECONDS) * width))
    whole = folder / "all.wav"
    with wave.open(str(whole), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(width or 2)
        wav.setframerate(rate or 22050)
        wav.writeframes(b"".join(frames))
    return whole, timings


def encode(wav_path, opus_path):
    """WAV to Ogg Opus, tuned for speech at a low bit rate."""
    command = ["opusenc", "--quiet", "--speech", "--bitrate", str(settings.READ_ALOUD_BITRATE_KBPS)]
    result = subprocess.run([*command, str(wav_path), str(opus_path)], capture_output=True, timeout=300)
    if result.returncode != 0:
        raise AudioError(f"opusenc failed: {result.stderr.decode('utf-8', 'replace')[:300]}")


def wav_seconds(path):
    with wave.open(str(path), "rb") as wav:
        return wav.getnframes() / wav.getframerate()


def make_part(page, revision_id, part, html):
    """Speak one part of a page and store it (replacing an earlier try for the same revision)."""
    started = time.monotonic()
    language = page.locale.language_code
    spoken = cut_sentences(html)
    fields = {"language": language, "sentences": spoken}
    try:
        if not spoken:
            raise AudioError("nothing to read")
        with tempfile.TemporaryDirectory(prefix="readaloud-") as folder:
            wav_path, timings = synthesize(spoken, language, folder)
            opus_path = Path(folder) / "audio.opus"
            encode(wav_path, opus_path)
            content = opus_path.read_bytes()
            duration = wav_seconds(wav_path)
    except (AudioError, OSError, subprocess.SubprocessError, wave.Error) as error:
        log.warning("read-aloud audio for page %s part %s failed: %s", page.pk, part, error)
        audio, _ = LessonAudio.objects.update_or_create(
            page=page, revision_id=revision_id, part=part, defaults={**fields, "status": "failed", "error": str(error)}
        )
        return audio
    audio, _ = LessonAudio.objects.update_or_create(
        page=page,
        revision_id=revision_id,
        part=part,
        defaults={
            **fields,
            "status": LessonAudio.Status.READY,
            "timings": timings,
            "duration": round(duration, 3),
            "size": len(content),
            "error": "",
            "seconds_to_make": round(time.monotonic() - started, 3),
        },
    )
    old = audio.file.name
    audio.file.save(f"{page.pk}-r{revision_id}-{language}-{part}.opus", ContentFile(content), save=True)
    if old and old != audio.file.name:
        audio.file.storage.delete(old)
    return audio


def make_page_audio(page):
    """Audio for every part of the page's live revision; older revisions' audio is deleted. Returns the rows."""
    page = page.specific
    parts = getattr(page, "read_aloud_parts", None)
    if parts is None or not page.live or page.live_revision_id is None:
        return []
    revision_id = page.live_revision_id
    with translation.override(page.locale.language_code):  # labels in the text ("Tip") as the reader sees them
        made = [make_part(page, revision_id, part, html) for part, html in parts()]
    for stale in LessonAudio.objects.filter(page=page).exclude(revision_id=revision_id):
        stale.delete()  # post_delete removes the file
    return made


def current(page, part):
    """The ready audio of ``part`` for the page's live revision, else None."""
    if not page.live or page.live_revision_id is None:
        return None
    return LessonAudio.objects.filter(
        page_id=page.pk, revision_id=page.live_revision_id, part=part, status=LessonAudio.Status.READY
    ).first()


def on_page_published(sender, instance, revision=None, **kwargs):
    """``page_published`` receiver: queue the audio of a page that can be read aloud."""
    if not settings.READ_ALOUD_ON_PUBLISH or not hasattr(instance, "read_aloud_parts"):
        return
    from .tasks import make_audio

    page_id, revision_id = instance.pk, getattr(revision, "pk", None)
    transaction.on_commit(lambda: make_audio.enqueue(page_id, revision_id))


def delete_file(sender, instance, **kwargs):
    """``post_delete`` receiver: an audio row takes its file with it."""
    if instance.file:
        instance.file.storage.delete(instance.file.name)
