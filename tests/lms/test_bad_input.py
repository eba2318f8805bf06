"""The bad inputs the fuzzing found, one by one: a translated 4xx, never a 500 (see test_fuzz for all routes)."""

import pytest
from django.test import Client, RequestFactory
from django.utils import translation
from django.utils.html import escape

from lms.inputs import parse_id, safe_next
from tests.lms.test_fuzz import world  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db
OVERFLOW = str(2**63)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("1", 1),
        ("9223372036854775807", 2**63 - 1),
        (OVERFLOW, None),
        ("9" * 5000, None),
        ("²", None),
        ("٣", None),
        ("๓", None),
        ("-1", None),
        ("0", None),
        ("1\x00", None),
        (" 1", None),
        ("", None),
        (None, None),
        (7, 7),
        (True, None),
    ],
)
def test_parse_id_accepts_only_ascii_digits_that_fit_64_bits(value, expected):
    assert parse_id(value) == expected


@pytest.mark.parametrize(
    "target", ["0", "lessons:my_learning", "//evil.example/", "https://evil.example/", "/a\nb", "/a\x00"]
)
def test_safe_next_refuses_view_names_other_hosts_and_control_characters(target):
    request = RequestFactory().post("/", {"next": target})
    assert safe_next(request, "/th/") == "/th/"


def test_safe_next_keeps_a_path_on_this_site():
    assert safe_next(RequestFactory().get("/", {"next": "/th/courses/?a=1"}), "/th/") == "/th/courses/?a=1"


def client_for(user):
    client = Client(raise_request_exception=False)
    client.force_login(user, backend="learners.backends.UsernameOrMobileBackend")
    return client


def test_mark_done_with_next_0_goes_back_to_the_lesson(world):  # noqa: F811
    lesson_url = world["pages"]["page:lesson"]
    response = client_for(world["users"]["learner"]).post(lesson_url + "done/", {"next": "0"})
    assert response.status_code == 302 and response["Location"] == lesson_url


@pytest.mark.parametrize("pk", [OVERFLOW, "9" * 5000, "²"])
def test_ids_too_big_for_the_database_are_404_in_paths(world, pk):  # noqa: F811
    response = client_for(world["users"]["learner"]).get(f"/th/certificates/{pk}/pdf/")
    assert response.status_code == 404


@pytest.mark.parametrize("attempt", ["²", "٣", OVERFLOW, "9" * 5000])
def test_quiz_answer_with_a_malformed_attempt_is_a_translated_400(world, attempt):  # noqa: F811
    answer = world["pages"]["page:quiz"] + "answer/"
    response = client_for(world["users"]["learner"]).post(answer, {"attempt": attempt})
    assert response.status_code == 400
    assert "แบบฟอร์มแบบทดสอบนี้ไม่เป็นปัจจุบันแล้ว" in response.content.decode()


@pytest.mark.parametrize("attempt", ["²", OVERFLOW])
def test_quiz_page_and_current_ignore_a_malformed_attempt(world, attempt):  # noqa: F811
    client = client_for(world["users"]["learner"])
    quiz_url = world["pages"]["page:quiz"]
    page = client.get(quiz_url, {"attempt": attempt})
    assert page.status_code == 200 and 'id="quiz"' in page.content.decode()  # the quiz, as without the parameter
    response = client.get(quiz_url + "current/", {"attempt": attempt})
    assert response.status_code == 302 and "attempt" not in response["Location"]


def test_dashboard_with_an_overflowing_course_is_a_400(world):  # noqa: F811
    response = client_for(world["users"]["staff"]).get("/admin/centre-reports/", {"course": OVERFLOW})
    assert response.status_code == 400
    with translation.override("th"):  # the admin is Thai
        message = translation.gettext("There is no such course. Choose a course from the list.")
    assert escape(message) in response.content.decode()


@pytest.mark.parametrize("field", ["centre", "course"])
def test_certificate_pages_refuse_malformed_ids(world, field):  # noqa: F811
    client = client_for(world["users"]["staff"])
    assert client.get("/admin/certificates/awaiting/", {field: OVERFLOW}).status_code == 400
    assert client.get("/admin/certificates/", {field: "²"}).status_code == 400
    assert client.post("/admin/certificates/issue/", {field: OVERFLOW, "learner": "²"}).status_code == 404


def test_quiz_statistics_with_an_overflowing_id_is_404(world):  # noqa: F811
    assert client_for(world["users"]["staff"]).get(f"/admin/quizzes/{OVERFLOW}/statistics/").status_code == 404


def test_nul_in_the_centre_search_is_a_translated_400(world):  # noqa: F811
    response = Client().get("/th/accounts/centres/?centre_q=%00")
    assert response.status_code == 400
    assert "โปรดลบอักขระควบคุมที่มองไม่เห็น" in response.content.decode()
    assert Client().get("/th/accounts/sign-up/?centre_q=a%00").status_code == 400


def test_nul_in_the_staff_learner_search_is_a_translated_400(world):  # noqa: F811
    response = client_for(world["users"]["staff"]).get("/th/accounts/staff/?q=%00")
    assert response.status_code == 400
    assert "โปรดลบอักขระควบคุมที่มองไม่เห็น" in response.content.decode()
    assert client_for(world["users"]["staff"]).get("/admin/centre-reports/learners/?q=%00").status_code == 400


def test_nul_in_the_lesson_search_is_a_translated_400(world):  # noqa: F811
    response = Client().get("/th/learning/search/?q=%00")
    assert response.status_code == 400
    assert "โปรดลบอักขระควบคุมที่มองไม่เห็น" in response.content.decode()
