"""Trainer statistics in the Wagtail admin: numbers from the database, and who may see them."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.utils import translation
from wagtail.models import GroupPagePermission

from quizzes import services
from tests.factories import UserFactory, make_course, make_quiz

from .conftest import RIGHT, WRONG


def take(user, quiz, answers):
    class Request:
        session = {}

    Request.user = user
    attempt = services.start_attempt(Request(), quiz)
    for key, options in answers.items():
        services.grade(attempt, key, options)
    return attempt


@pytest.fixture
def answered_quiz(course_quiz):
    quiz = course_quiz.quiz
    take(UserFactory(), quiz, RIGHT)  # 100%, passed
    take(UserFactory(), quiz, {**RIGHT, "q1": WRONG["q1"]})  # 80%, passed
    take(UserFactory(), quiz, WRONG)  # 0%, failed
    take(UserFactory(), quiz, {"q1": WRONG["q1"]})  # unfinished
    return course_quiz


def trainer(catalog, can_edit=True):
    group = Group.objects.create(name=f"trainers-{can_edit}")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    if can_edit:
        for codename in ("add_page", "change_page"):
            GroupPagePermission.objects.create(
                group=group, page=catalog, permission=Permission.objects.get(codename=codename)
            )
    user = UserFactory(is_staff=True)
    user.groups.add(group)
    return user


def test_statistics_service_counts_attempts_pass_rate_and_correct_rate_per_question(answered_quiz):
    stats = services.statistics(answered_quiz.quiz)
    assert (stats["attempts"], stats["finished"], stats["passed"], stats["pass_rate"]) == (4, 3, 2, 67)
    rates = {row["question"].key: (row["answers"], row["correct"], row["correct_rate"]) for row in stats["questions"]}
    assert rates["q1"] == (4, 1, 25)
    assert rates["q2"] == (3, 2, 67)


def test_trainer_who_can_edit_the_quiz_sees_its_statistics(client, answered_quiz, site):
    client.force_login(trainer(site["catalog"]))
    response = client.get(f"/admin/quizzes/{answered_quiz.quiz.pk}/statistics/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("[data-stat=attempts]").get_text() == "4"
    assert soup.select_one("[data-stat=pass-rate]").get_text() == "67%"
    first = soup.select("tbody tr")[0]  # hardest question first, with its text
    assert first["data-question"] == "q1"
    assert "คำถามที่ 1" in first.get_text() and first.select_one(".correct-rate").get_text() == "25%"
    index = client.get("/admin/quizzes/statistics/")
    assert index.status_code == 200
    assert f"/admin/quizzes/{answered_quiz.quiz.pk}/statistics/" in index.content.decode()


def test_statistics_are_linked_from_the_quiz_page_in_the_admin(client, answered_quiz, site):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    html = client.get(f"/admin/pages/{answered_quiz.course.pk}/").content.decode()
    assert f"/admin/quizzes/{answered_quiz.quiz.pk}/statistics/" in html
    quiz_edit = client.get(f"/admin/pages/{answered_quiz.quiz.pk}/edit/").content.decode()
    assert f"/admin/quizzes/{answered_quiz.quiz.pk}/statistics/" in quiz_edit
    lesson = answered_quiz.lessons[0]
    lesson_edit = client.get(f"/admin/pages/{lesson.pk}/edit/").content.decode()
    assert "/admin/quizzes/statistics/" in lesson_edit  # the Reports menu item
    assert f"/admin/quizzes/{lesson.pk}/statistics/" not in lesson_edit


def test_learner_cannot_see_statistics(client, answered_quiz):
    client.force_login(UserFactory())
    for url in (f"/admin/quizzes/{answered_quiz.quiz.pk}/statistics/", "/admin/quizzes/statistics/"):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


def assert_denied_the_wagtail_way(client, response):
    """Wagtail turns PermissionDenied in an admin view into a redirect to the dashboard with a message."""
    assert response.status_code == 302 and response["Location"] == "/admin/"
    dashboard = client.get("/admin/").content.decode()
    with translation.override("th"):  # the admin is Thai
        assert translation.gettext("Sorry, you do not have permission to access this area.") in dashboard


def test_admin_user_without_edit_permission_on_the_quiz_is_refused(client, answered_quiz, site):
    client.force_login(trainer(site["catalog"], can_edit=False))
    response = client.get(f"/admin/quizzes/{answered_quiz.quiz.pk}/statistics/")
    assert_denied_the_wagtail_way(client, response)
    index = client.get("/admin/quizzes/statistics/").content.decode()
    assert f"/admin/quizzes/{answered_quiz.quiz.pk}/statistics/" not in index


def test_trainer_only_sees_quizzes_under_pages_they_may_edit(client, site, answered_quiz):
    other_catalog = site["home"].add_child(
        instance=site["catalog"].__class__(title="อื่น", slug="other-catalog", locale=site["catalog"].locale)
    )
    other_course, _ = make_course(other_catalog, slug="elsewhere")
    elsewhere = make_quiz(other_course)
    group = Group.objects.create(name="narrow")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=group, page=other_catalog, permission=Permission.objects.get(codename="change_page")
    )
    user = UserFactory(is_staff=True)
    user.groups.add(group)
    client.force_login(user)
    index = client.get("/admin/quizzes/statistics/").content.decode()
    assert f"/admin/quizzes/{elsewhere.pk}/statistics/" in index
    assert f"/admin/quizzes/{answered_quiz.quiz.pk}/statistics/" not in index
    assert_denied_the_wagtail_way(client, client.get(f"/admin/quizzes/{answered_quiz.quiz.pk}/statistics/"))
