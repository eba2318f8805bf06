from django.utils import timezone

from lessons import services
from quizzes.models import QuizAttempt
from tests.factories import UserFactory, make_course, make_quiz


def _quiz_status(user, course, quiz):
    return next(item["status"] for item in services.outline(user, course) if item["page"].pk == quiz.pk)


def test_course_outline_shows_each_readers_quiz_status(site):
    course, _ = make_course(site["catalog"], lessons=2)
    quiz = make_quiz(course)
    passer, trier, newcomer = UserFactory(), UserFactory(), UserFactory()
    QuizAttempt.objects.create(user=passer, quiz=quiz, score=40, passed=False, finished_at=timezone.now())
    QuizAttempt.objects.create(user=passer, quiz=quiz, score=100, passed=True, finished_at=timezone.now())
    QuizAttempt.objects.create(user=trier, quiz=quiz, score=20, passed=False, finished_at=timezone.now())

    assert _quiz_status(passer, course, quiz) == "done"
    assert _quiz_status(trier, course, quiz) == "started"
    assert _quiz_status(newcomer, course, quiz) == "not_started"


def test_quiz_status_shows_on_the_course_page(client, site):
    course, _ = make_course(site["catalog"], lessons=1)
    quiz = make_quiz(course, title="แบบทดสอบท้ายบท")
    learner = UserFactory()
    QuizAttempt.objects.create(user=learner, quiz=quiz, score=100, passed=True, finished_at=timezone.now())
    client.force_login(learner)
    html = client.get(course.url).content.decode()
    quiz_item = html[html.index("แบบทดสอบท้ายบท") - 400 : html.index("แบบทดสอบท้ายบท") + 400]
    assert "status-done" in quiz_item
