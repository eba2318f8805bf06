"""Trainer statistics in the Wagtail admin: which choice learners take at each step, and who may see them."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from practice import services
from tests.factories import UserFactory, make_course, make_practice
from tests.quizzes.test_statistics import assert_denied_the_wagtail_way, trainer

from .conftest import act_url

HTMX = {"HTTP_HX_REQUEST": "true"}


def play(page, steps):
    client = Client()
    client.force_login(UserFactory())
    for key, data in steps:
        client.post(act_url(page, key), data, **HTMX)


@pytest.fixture
def played(course_practice):
    page = course_practice.practice
    play(page, [("sim", {"step": "s1", "choice": "s1-tap"}), ("sim", {"step": "s2", "choice": "s2-pay"})])
    play(page, [("sim", {"step": "s1", "choice": "s1-tap"}), ("sim", {"step": "s2", "choice": "s2-stop"})])
    play(page, [("sim", {"step": "s1", "choice": "s1-app"})])
    play(page, [("sim", {"step": "s1", "choice": "s1-tap"})])  # stopped half-way
    play(page, [("spot", {"item": "i1", "verdict": "fake", "reason": "i1-r1"})])
    play(page, [("form", {"field-name": "fill", "field-otp": "fill", "field-pin": "leave"})])
    return course_practice


def test_statistics_count_runs_and_each_choice_at_each_step(played):
    stats = services.statistics(played.practice)
    sim = stats["activities"][0]
    assert (sim["started"], sim["finished"], sim["learners"]) == (4, 3, 4)
    step1 = {row["label"]: (row["count"], row["percent"], row["outcome"]) for row in sim["steps"][0]["rows"]}
    assert step1 == {"กดลิงก์": (3, 75, "risky"), "เปิดแอปขนส่งเอง": (1, 25, "safe")}
    assert sim["steps"][0]["rows"][0]["label"] == "กดลิงก์"  # most taken first
    step2 = {row["label"]: row["count"] for row in sim["steps"][1]["rows"]}
    assert step2 == {"จ่ายด้วยบัตร": 1, "ปิดหน้าและโทร 1441": 1}
    spot = stats["activities"][1]
    assert (spot["started"], spot["finished"]) == (1, 0)
    assert spot["steps"][0]["rows"] == [
        {"label": "ที่อยู่เว็บแปลก", "verdict": "fake", "outcome": "safe", "count": 1, "percent": 100}
    ]
    form = stats["activities"][3]
    otp = {row["label"]: row["count"] for row in form["steps"][1]["rows"]}
    assert form["steps"][1]["label"] == "รหัส OTP" and otp == {"กรอก": 1, "เว้นว่างไว้": 0}


def test_trainer_who_can_edit_the_practice_sees_its_statistics(client, played, site):
    client.force_login(trainer(site["catalog"]))
    page = played.practice
    response = client.get(f"/admin/practice/{page.pk}/statistics/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    sim = soup.find("section", attrs={"data-activity": "sim"})
    assert sim.find("dd", attrs={"data-stat": "started"}).get_text() == "4"
    first_row = sim.find("table").find("tbody").find("tr")
    assert "กดลิงก์" in first_row.get_text() and first_row.find("td", class_="times").get_text() == "3"
    index = client.get("/admin/practice/statistics/").content.decode()
    assert f"/admin/practice/{page.pk}/statistics/" in index
    edit = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert f"/admin/practice/{page.pk}/statistics/" in edit  # the page header button


def test_learner_cannot_see_practice_statistics(client, played):
    client.force_login(UserFactory())
    for url in (f"/admin/practice/{played.practice.pk}/statistics/", "/admin/practice/statistics/"):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_anonymous_visitor_cannot_see_practice_statistics(client, played):
    response = client.get(f"/admin/practice/{played.practice.pk}/statistics/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_admin_user_without_edit_permission_is_refused(client, played, site):
    client.force_login(trainer(site["catalog"], can_edit=False))
    assert_denied_the_wagtail_way(client, client.get(f"/admin/practice/{played.practice.pk}/statistics/"))
    index = client.get("/admin/practice/statistics/").content.decode()
    assert f"/admin/practice/{played.practice.pk}/statistics/" not in index


def test_statistics_of_a_page_that_is_not_a_lesson_is_a_404(client, played, site):
    client.force_login(trainer(site["catalog"]))
    assert client.get(f"/admin/practice/{played.course.pk}/statistics/").status_code == 404
    response = client.get(f"/admin/practice/{played.lessons[0].pk}/statistics/")  # a lesson without practice
    assert response.status_code == 200 and "บทเรียนนี้ไม่มีแบบฝึก" in response.content.decode()
    assert client.get("/admin/practice/99999999/statistics/").status_code == 404


def test_trainer_only_sees_practices_under_pages_they_may_edit(client, site, played):
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission

    other_catalog = site["home"].add_child(
        instance=site["catalog"].__class__(title="อื่น", slug="other-catalog", locale=site["catalog"].locale)
    )
    other_course, _ = make_course(other_catalog, slug="elsewhere")
    elsewhere = make_practice(other_course)
    group = Group.objects.create(name="narrow")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=group, page=other_catalog, permission=Permission.objects.get(codename="change_page")
    )
    user = UserFactory(is_staff=True)
    user.groups.add(group)
    client.force_login(user)
    index = client.get("/admin/practice/statistics/").content.decode()
    assert f"/admin/practice/{elsewhere.pk}/statistics/" in index
    assert f"/admin/practice/{played.practice.pk}/statistics/" not in index
    assert_denied_the_wagtail_way(client, client.get(f"/admin/practice/{played.practice.pk}/statistics/"))
