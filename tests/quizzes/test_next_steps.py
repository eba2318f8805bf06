"""What the quiz result offers next: after a pass the certificate (or what is left) and the course; after a
fail the lessons to read again and "try again" before the list of questions."""

from bs4 import BeautifulSoup

from lessons import services as lesson_services
from quizzes.models import QuizAttempt

from .conftest import RIGHT, WRONG


def finish(client, quiz, answers):
    """Answer every question without JavaScript and open the result (a visitor's attempt is in the session)."""
    client.post(f"{quiz.url}start/")
    attempt = QuizAttempt.objects.filter(quiz=quiz, finished_at__isnull=True).order_by("pk").last()
    for key, options in answers.items():
        client.post(
            f"{quiz.url}answer/", {"attempt": attempt.pk if attempt else "", "question": key, "option": options}
        )
    query = f"?attempt={attempt.pk}" if attempt else ""
    return BeautifulSoup(client.get(f"{quiz.url}{query}").content, "html.parser")


def test_a_pass_with_lessons_left_continues_the_course(learner_client, learner, course_quiz):
    lesson_services.mark_done(learner, course_quiz.lessons[0])
    result = finish(learner_client, course_quiz.quiz, RIGHT)
    assert result.select_one(".quiz-result.passed")
    links = result.select(".next-actions a")
    assert links[0]["href"] == course_quiz.lessons[1].url and links[0].get_text(strip=True) == "เรียนต่อ"
    assert course_quiz.lessons[1].title in result.select_one(".next-note").get_text()
    assert links[1]["href"] == course_quiz.course.url and links[1].get_text(strip=True) == "กลับไปหน้าหลักสูตร"
    assert not result.select(".get-certificate")


def test_a_pass_that_completes_the_course_offers_the_certificate(learner_client, learner, course_quiz):
    from certificates.models import Certificate

    for lesson in course_quiz.lessons:
        lesson_services.mark_done(learner, lesson)
    result = finish(learner_client, course_quiz.quiz, RIGHT)
    certificate = Certificate.objects.get(learner=learner)  # issued automatically on completion
    link = result.select_one(".next-actions a.get-certificate")
    assert link["href"] == f"/th/certificates/{certificate.pk}/pdf/"
    assert link.get_text(strip=True) == "รับใบประกาศนียบัตร"
    assert result.select_one(".next-actions a.back-to-course")["href"] == course_quiz.course.url
    # The celebration and the certificate come before "try again".
    buttons = [el.get_text(strip=True) for el in result.select(".next-actions a, .next-actions button")]
    assert buttons == ["รับใบประกาศนียบัตร", "กลับไปหน้าหลักสูตร", "ทำอีกครั้ง"]


def test_a_complete_course_without_a_certificate_says_so_and_links_the_course(learner_client, learner, course_quiz):
    from certificates.models import CourseCertificateSettings

    CourseCertificateSettings.objects.update_or_create(course=course_quiz.course, defaults={"auto_issue": False})
    for lesson in course_quiz.lessons:
        lesson_services.mark_done(learner, lesson)
    result = finish(learner_client, course_quiz.quiz, RIGHT)
    assert "เจ้าหน้าที่ศูนย์" in result.select_one(".next-note").get_text()
    assert [a["href"] for a in result.select(".next-actions a")] == [course_quiz.course.url]


def test_a_fail_offers_reading_again_and_trying_again_before_the_questions(learner_client, course_quiz):
    result = finish(learner_client, course_quiz.quiz, WRONG)
    assert result.select_one(".quiz-result.failed")
    order = [
        el.get_text(strip=True)
        for el in result.select(".quiz-result a, .quiz-result button, .quiz-result h3, .quiz-wrong li")
    ]
    assert order[:4] == ["อ่านอีกครั้ง: บทเรียนที่ 1", "ทำอีกครั้ง", "กลับไปหน้าหลักสูตร", "คำถามที่ควรทบทวน"]
    assert order[4] == "คำถามที่ 1"
    assert result.select_one(".quiz-review a")["href"] == course_quiz.lessons[0].url


def test_a_visitor_practising_gets_the_course_link_and_no_certificate(client, course_quiz):
    result = finish(client, course_quiz.quiz, RIGHT)
    assert result.select_one(".quiz-result.passed")
    assert [a["href"] for a in result.select(".next-actions a")] == [course_quiz.course.url]
