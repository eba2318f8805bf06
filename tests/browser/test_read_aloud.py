"""Read aloud ("ฟังบทเรียน") on a 360 px phone, in Thai and English: with a voice for the page's language the
browser speaks the server's sentences in order and highlights each; without one, the server's Opus audio
plays. Speech synthesis is replaced in the page by a recorder (headless Chromium has no voices)."""

import shutil
import subprocess
import time

import pytest
from django.test import TestCase

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Replaces speech synthesis with a recorder before the page's scripts run. ``VOICES`` is filled in per test.
RECORDER = """
(() => {
  const voices = VOICES;
  const log = [];
  window.__spoken = log;
  window.__highlights = [];
  window.SpeechSynthesisUtterance = function (text) { this.text = text; this.rate = 1; };
  const synth = {
    getVoices: () => voices,
    speaking: false,
    addEventListener: () => {},
    speak(utterance) {
      const current = document.querySelectorAll('.ra-s.ra-current');
      window.__highlights.push([...current].map((s) => s.dataset.ra).join(','));
      log.push({text: utterance.text, lang: utterance.lang, rate: utterance.rate});
      setTimeout(() => utterance.onend && utterance.onend(), 30);
    },
    cancel() {}, pause() {}, resume() {},
  };
  Object.defineProperty(window, 'speechSynthesis', {value: synth, configurable: true});
})();
"""
THAI_VOICE = '[{name: "Thai", lang: "th-TH", localService: true, default: false, voiceURI: "th"}]'
ENGLISH_VOICE = '[{name: "English", lang: "en-US", localService: true, default: true, voiceURI: "en"}]'


@pytest.fixture
def lessons(settings, tmp_path):
    """The demo course "online selling" in Thai and English, with audio made for its first lesson."""
    from wagtail.models import Locale

    from lessons.demo import ensure_site
    from lessons.models import LessonPage
    from tests.factories import load_demo_course

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.READ_ALOUD_ROOT = tmp_path / "read-aloud"
    _home, catalog = ensure_site()
    course = load_demo_course(catalog)
    thai = LessonPage.objects.child_of(course).live().order_by("path").first()
    english = thai.get_translation(Locale.objects.get(language_code="en"))
    settings.READ_ALOUD_ON_PUBLISH = True
    with TestCase.captureOnCommitCallbacks(execute=True):
        for page in (thai, english):
            page.specific.save_revision().publish()
    return {"th": LessonPage.objects.get(pk=thai.pk), "en": LessonPage.objects.get(pk=english.pk)}


def wait_until(page, expression, timeout=20):
    """Poll ``expression`` from Python (Playwright's wait_for_function evaluates strings inside the page,
    which the site's Content-Security-Policy forbids)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"timed out waiting for {expression}"
        page.wait_for_timeout(50)


def page_sentences(page):
    return page.evaluate(
        """(() => { const texts = [];
              document.querySelectorAll('.read-aloud .ra-s[data-ra]').forEach((s) => {
                const n = Number(s.dataset.ra); texts[n] = (texts[n] || '') + s.textContent; });
              return texts.map((t) => t.replace(/\\s+/g, ' ').trim()); })()"""
    )


@pytest.mark.parametrize("language", ["th", "en"])
def test_with_a_voice_the_browser_speaks_the_sentences_in_order(live_server, phone, lessons, language):
    from readaloud.models import LessonAudio

    lesson = lessons[language]
    phone.context.add_init_script(RECORDER.replace("VOICES", THAI_VOICE if language == "th" else ENGLISH_VOICE))
    phone.goto(live_server.url + lesson.url)
    label = "ฟังบทเรียน" if language == "th" else "Listen to the lesson"
    button = phone.get_by_role("button", name=label)
    assert button.is_visible()
    assert phone.locator(".ra-audio-row").is_hidden()  # the plain player is only for pages without JavaScript
    box = button.bounding_box()
    assert box["height"] >= 44 and box["x"] + box["width"] <= 360
    sentences = page_sentences(phone)
    assert sentences == LessonAudio.objects.get(page=lesson).sentences and len(sentences) > 5

    button.click()
    phone.get_by_role("button", name="หยุดชั่วคราว" if language == "th" else "Pause").wait_for()
    wait_until(phone, "document.querySelector('.ra-control').dataset.raState === 'idle'", timeout=30)
    spoken = phone.evaluate("window.__spoken")
    assert [entry["text"] for entry in spoken] == sentences
    assert {entry["lang"] for entry in spoken} == {"th-TH" if language == "th" else "en-US"}
    # Each sentence was highlighted while it was spoken, and the highlight moved on in order.
    assert phone.evaluate("window.__highlights") == [str(n) for n in range(len(sentences))]
    assert phone.locator(".ra-s.ra-current").count() == 0
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360


def test_pause_resume_and_slower(live_server, phone, lessons):
    phone.context.add_init_script(RECORDER.replace("VOICES", THAI_VOICE).replace("30);", "400);"))
    phone.goto(live_server.url + lessons["th"].url)
    phone.get_by_role("button", name="ฟังบทเรียน").click()
    phone.get_by_role("button", name="หยุดชั่วคราว").click()
    count = phone.evaluate("window.__spoken.length")
    phone.wait_for_timeout(900)
    assert phone.evaluate("window.__spoken.length") == count  # nothing more is spoken while paused
    current = phone.evaluate("document.querySelector('.ra-control').dataset.raCurrent")
    phone.get_by_role("button", name="ช้าลง").click()
    assert "85%" in phone.locator(".ra-status").inner_text()
    phone.get_by_role("button", name="ฟังต่อ").click()
    wait_until(phone, f"window.__spoken.length > {count}")
    resumed = phone.evaluate("window.__spoken.at(-1)")
    sentences = page_sentences(phone)
    assert resumed["text"] == sentences[int(current)] and resumed["rate"] == 0.85  # the same sentence, slower


@pytest.mark.parametrize("language", ["th", "en"])
def test_without_a_voice_the_server_audio_plays(live_server, phone, lessons, language):
    from readaloud.models import LessonAudio

    lesson = lessons[language]
    audio = LessonAudio.objects.get(page=lesson)
    phone.context.add_init_script(RECORDER.replace("VOICES", ENGLISH_VOICE if language == "th" else "[]"))
    phone.goto(live_server.url + lesson.url)
    phone.get_by_role("button", name="ฟังบทเรียน" if language == "th" else "Listen to the lesson").click()
    wait_until(phone, "document.querySelector('.ra-control').dataset.raEngine === 'audio'")
    assert phone.evaluate("document.querySelector('audio.ra-audio').canPlayType('audio/ogg; codecs=opus')") != ""
    wait_until(phone, "document.querySelector('audio.ra-audio').readyState >= 1", timeout=20)
    duration = phone.evaluate("document.querySelector('audio.ra-audio').duration")
    assert duration == pytest.approx(audio.duration, abs=0.5) and duration > 0
    assert phone.evaluate("window.__spoken") == []
    # The highlight follows the audio by the sentence start times made with it.
    wait_until(phone, "document.querySelector('.ra-s.ra-current') !== null", timeout=20)
    phone.evaluate("document.querySelector('audio.ra-audio').currentTime = " + str(audio.timings[2] + 0.05))
    wait_until(phone, "document.querySelector('.ra-control').dataset.raCurrent === '2'", timeout=20)
    if shutil.which("ffprobe"):
        out = subprocess.run(
            ["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", str(audio.file.path)],
            capture_output=True,
            text=True,
        ).stdout
        assert float(out) > 0


def test_without_javascript_the_server_audio_is_a_plain_player(live_server, browser, lessons):
    context = browser.new_context(viewport={"width": 360, "height": 740}, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_server.url + lessons["th"].url)
        assert page.locator(".ra-buttons").is_hidden()
        player = page.locator(".ra-audio-row audio")
        assert player.is_visible() and player.get_attribute("controls") is not None
        response = page.request.get(live_server.url + player.get_attribute("src"))
        assert response.status == 200 and response.body()[:4] == b"OggS"
    finally:
        context.close()


def test_every_quiz_question_has_a_listen_button(live_server, phone, lessons, settings):
    import io

    from quizzes import demo
    from quizzes.models import QuizPage

    settings.READ_ALOUD_ON_PUBLISH = False
    demo.load(io.StringIO())
    quiz = QuizPage.objects.live().filter(locale__language_code="th").first()
    phone.context.add_init_script(RECORDER.replace("VOICES", THAI_VOICE))
    phone.goto(live_server.url + quiz.url)
    phone.get_by_role("button", name="เริ่มทำแบบทดสอบ").click()
    for _ in range(2):
        listen = phone.get_by_role("button", name="ฟังคำถาม")
        listen.wait_for()
        question = phone.locator("legend.quiz-text").inner_text().strip()
        before = phone.evaluate("window.__spoken.length")
        listen.click()
        wait_until(
            phone,
            f"document.querySelector('.ra-control').dataset.raState === 'idle' && window.__spoken.length > {before}",
        )
        spoken = [entry["text"] for entry in phone.evaluate("window.__spoken")[before:]]
        assert spoken == page_sentences(phone)
        last_option = phone.locator(".quiz-option").last.inner_text().strip()
        assert " ".join(spoken).startswith(question) and spoken[-1].endswith(last_option)  # question, then options
        phone.locator(".quiz-option").first.click()
        phone.get_by_role("button", name="ตรวจคำตอบ").click()
        phone.locator(".quiz-feedback").wait_for()
        phone.get_by_text("คำถามข้อถัดไป").click()
