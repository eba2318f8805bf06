"""Who may use each classes view: every role against a class of centre A."""

import pytest

from classes.models import Attendance, ClassMember, Session

ROLES_ALLOWED = ["trainer", "staff_a"]
ROLES_FORBIDDEN = ["other_trainer", "staff_b", "national"]
ROLES_NO_ADMIN = ["somchai", "outsider"]


def class_urls(world):
    klass, session = world["klass"], world["session"]
    base = f"/admin/classes/{klass.pk}/"
    return [
        base,
        base + "edit/",
        base + "board/",
        f"/admin/classes/sessions/{session.pk}/check-in/",
        f"/admin/classes/sessions/{session.pk}/roster/",
    ]


def post_actions(world):
    klass, session, somchai = world["klass"], world["session"], world["somchai"]
    return [
        (f"/admin/classes/{klass.pk}/sessions/", {"date": "2026-12-01", "start_time": "09:00", "end_time": "12:00"}),
        (f"/admin/classes/{klass.pk}/members/", {"login": "outsider"}),
        (f"/admin/classes/{klass.pk}/members/{somchai.pk}/remove/", {}),
        (f"/admin/classes/sessions/{session.pk}/roster/", {"learner": [somchai.pk], f"present-{somchai.pk}": "on"}),
        (f"/admin/classes/{klass.pk}/edit/", {"centre": world["centre_a"].pk, "name": "x", "start_date": "2026-12-01"}),
    ]


def snapshot(world):
    return (
        Session.objects.count(),
        sorted(ClassMember.objects.values_list("user_id", flat=True)),
        Attendance.objects.count(),
        world["klass"].__class__.objects.get(pk=world["klass"].pk).name,
    )


def test_anonymous_visitors_are_sent_to_sign_in(client, world):
    for url in class_urls(world) + ["/admin/classes/", "/admin/classes/new/"]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/"), url
    before = snapshot(world)
    for url, data in post_actions(world):
        response = client.post(url, data)
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/"), url
    assert snapshot(world) == before


@pytest.mark.parametrize("who", ROLES_NO_ADMIN)
def test_learners_in_or_out_of_the_class_cannot_open_the_trainer_screens(client, world, who):
    client.force_login(world[who])
    for url in class_urls(world) + ["/admin/classes/"]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/"), url
    before = snapshot(world)
    for url, data in post_actions(world):
        client.post(url, data)
    assert snapshot(world) == before


@pytest.mark.parametrize("who", ROLES_ALLOWED)
def test_the_trainer_and_staff_of_the_centre_run_the_class(client, world, who):
    client.force_login(world[who])
    for url in class_urls(world):
        response = client.get(url)
        assert response.status_code == 200, url
    listing = client.get("/admin/classes/").content.decode()
    assert world["klass"].name in listing


@pytest.mark.parametrize("who", ROLES_FORBIDDEN)
def test_other_trainers_other_centres_staff_and_national_staff_get_403(client, world, who):
    client.force_login(world[who])
    for url in class_urls(world):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "สมชาย" not in response.content.decode()
    before = snapshot(world)
    for url, data in post_actions(world):
        assert client.post(url, data).status_code == 403, url
    assert snapshot(world) == before
    assert world["klass"].name not in client.get("/admin/classes/").content.decode()


def test_unknown_class_or_session_is_404(client, world):
    client.force_login(world["staff_a"])
    assert client.get("/admin/classes/999999/").status_code == 404
    assert client.get("/admin/classes/sessions/999999/check-in/").status_code == 404
    assert client.get("/admin/classes/99999999999999999999999/").status_code == 404


def test_only_staff_create_classes_unless_the_centre_lets_trainers(client, world):
    client.force_login(world["trainer"])
    assert client.get("/admin/classes/new/").status_code == 403
    client.force_login(world["staff_b"])
    response = client.post(f"/admin/classes/policy/{world['centre_a'].pk}/", {"trainers_may_create": "on"})
    assert response.status_code == 403
    client.force_login(world["staff_a"])
    assert (
        client.post(f"/admin/classes/policy/{world['centre_a'].pk}/", {"trainers_may_create": "on"}).status_code == 302
    )
    client.force_login(world["trainer"])
    assert client.get("/admin/classes/new/").status_code == 200
    response = client.post(
        "/admin/classes/new/",
        {
            "centre": world["centre_a"].pk,
            "name": "ชั้นเรียนของครู",
            "courses": [world["course"].pk],
            "trainer": world["trainer"].pk,
            "start_date": "2026-12-01",
        },
    )
    created = world["klass"].__class__.objects.get(name="ชั้นเรียนของครู")
    assert created.centre == world["centre_a"] and created.trainer == world["trainer"]
    assert response.status_code == 302 and response["Location"] == f"/admin/classes/{created.pk}/"
    client.force_login(world["staff_b"])
    response = client.post(
        "/admin/classes/new/",
        {
            "centre": world["centre_a"].pk,
            "name": "แอบสร้าง",
            "start_date": "2026-12-01",
            "courses": [world["course"].pk],
        },
    )
    assert response.status_code == 400, "staff of B cannot pick centre A"
    assert not world["klass"].__class__.objects.filter(name="แอบสร้าง").exists()


@pytest.mark.parametrize("url", ["/th/classes/", "/th/classes/join/", "/th/classes/check-in/", "/en/classes/"])
def test_learner_pages_need_sign_in(client, world, url):
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/" in response["Location"]
    posted = client.post(url.replace("/classes/", "/classes/check-in/") if url.endswith("classes/") else url)
    assert posted.status_code == 302 and "/accounts/" in posted["Location"]


def test_a_learner_sees_only_their_own_classes_and_attendance(client, world):
    Attendance.objects.create(session=world["session"], user=world["malee"], late=True)
    client.force_login(world["somchai"])
    page = client.get("/th/classes/").content.decode()
    assert world["klass"].name in page and "ไม่ได้เช็กอิน" in page
    assert "มาลี" not in page
    client.force_login(world["outsider"])
    assert world["klass"].name not in client.get("/th/classes/").content.decode()
