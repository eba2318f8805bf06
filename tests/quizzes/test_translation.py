"""Questions and options translate with wagtail-localize and keep their grading keys."""

from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

from quizzes import services
from quizzes.models import QuizPage
from tests.factories import translate_page

from .conftest import RIGHT


def test_wagtail_localize_translation_keeps_question_and_option_keys(course_quiz, learner):
    english = Locale.objects.get(language_code="en")
    translate_page(course_quiz.course, "en", title="Test course")
    quiz = course_quiz.quiz
    source, _ = TranslationSource.get_or_create_from_instance(quiz)
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    paths = {segment.context.path for segment in segments}
    # Question texts, explanations and option texts are translatable; the correct flags are not.
    assert "questions.q1.text" in paths and "questions.q1.explanation" in paths
    assert "questions.q1.options.q1-a.text" in paths
    assert not any(path.endswith(".correct") or path.endswith(".answer") for path in paths)
    for segment in segments:
        StringTranslation.objects.create(
            translation_of=segment.string,
            locale=english,
            context=segment.context,
            data=f"EN {segment.string.data}",
        )
    source.create_or_update_translation(english)
    translated = QuizPage.objects.get(locale=english, translation_key=quiz.translation_key)
    translated.get_latest_revision().publish()  # the translator's "publish"
    translated.refresh_from_db()

    assert [q.key for q in translated.question_list] == [q.key for q in quiz.question_list]
    for thai_q, english_q in zip(quiz.question_list, translated.question_list, strict=True):
        assert [o.key for o in english_q.options] == [o.key for o in thai_q.options]
        assert english_q.correct_keys == thai_q.correct_keys
        assert english_q.text == f"EN {thai_q.text}"
    assert translated.question_list[0].options[0].text == "EN ตัวเลือก a ของ คำถามที่ 1"
    assert translated.pass_mark == quiz.pass_mark
    assert translated.source.pk == QuizPage.objects.source_of(translated).pk == quiz.pk

    # Grading against the translated page's attempt works with the same keys.
    class Request:
        user = learner
        session = {}

    attempt = services.start_attempt(Request(), QuizPage.objects.source_of(translated))
    assert attempt.quiz.pk == quiz.pk
    assert all(services.grade(attempt, key, options).correct for key, options in RIGHT.items())
