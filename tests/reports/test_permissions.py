"""Who may use each reports view: every pair of person and centre."""

import uuid

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

BASE = "/admin/centre-reports/"
GET_VIEWS = [
    BASE,
    BASE + "learners/",
    BASE + "learners/class/",
    BASE + "export/summary.csv",
    BASE + "export/learners.xlsx",
]


def _get(client, url, centre=None):
    return client.get(url, {"centre": centre} if centre else {})


@pytest.mark.parametrize("url", GET_VIEWS)
def test_anonymous_visitors_are_sent_to_sign_in(client, world, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("url", GET_VIEWS)
def test_learners_without_admin_access_are_sent_to_sign_in(client, world, url):
    client.force_login(world["learner_a"])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("url", GET_VIEWS)
def test_trainers_in_the_admin_get_403(client, world, url):
    client.force_login(world["trainer"])
    response = _get(client, url, "CDC-A")
    assert response.status_code == 403
    assert "สมชาย" not in response.content.decode()


@pytest.mark.parametrize("url", GET_VIEWS)
def test_centre_staff_see_their_own_centre(client, world, url):
    client.force_login(world["staff_a"])
    assert _get(client, url).status_code == 200
    assert _get(client, url, "CDC-A").status_code == 200


@pytest.mark.parametrize("url", GET_VIEWS)
def test_centre_staff_asking_for_another_centre_get_403(client, world, url):
    client.force_login(world["staff_a"])
    response = _get(client, url, "CDC-B")
    assert response.status_code == 403
    assert "มาลี" not in response.content.decode()


@pytest.mark.parametrize("who", ["national", "superuser"])
@pytest.mark.parametrize("url", GET_VIEWS)
def test_national_staff_and_superusers_see_every_centre(client, world, who, url):
    client.force_login(world[who])
    if who == "national" and url.endswith("learners/class/"):
        # Creating accounts is for the staff of a centre only (test_class_import), not national staff.
        assert _get(client, url, "CDC-A").status_code == 403
        return
    for centre in ("CDC-A", "CDC-B"):
        assert _get(client, url, centre).status_code == 200
    whole_country_learner_file = url.endswith("learners.xlsx")
    assert _get(client, url).status_code == (400 if whole_country_learner_file else 200)


def test_centre_staff_learner_list_holds_only_their_learners_even_when_asking_for_a_province(client, world):
    client.force_login(world["staff_a"])
    html = client.get(BASE + "learners/", {"province": "ขอนแก่น"}).content.decode()
    assert "สมชาย ใจดี" in html
    assert "มาลี ศรีสุข" not in html


def test_centre_staff_export_holds_only_their_learners(client, world):
    client.force_login(world["staff_a"])
    body = b"".join(client.get(BASE + "export/learners.csv").streaming_content).decode("utf-8-sig")
    assert "somchai" in body and "malee" not in body


def test_national_learner_export_asks_for_a_province(client, world):
    client.force_login(world["national"])
    response = client.get(BASE + "export/learners.csv")
    assert response.status_code == 400
    assert "จังหวัด" in response.content.decode()
    body = b"".join(client.get(BASE + "export/learners.csv", {"province": "ขอนแก่น"}).streaming_content)
    assert "malee" in body.decode("utf-8-sig") and "somchai" not in body.decode("utf-8-sig")


def test_national_learner_list_holds_every_centre(client, world):
    client.force_login(world["national"])
    html = client.get(BASE + "learners/").content.decode()
    assert "สมชาย ใจดี" in html and "มาลี ศรีสุข" in html


def test_centre_staff_cannot_create_accounts_at_another_centre(client, world):
    client.force_login(world["staff_a"])
    upload = SimpleUploadedFile("class.csv", "display_name\nบุญมี รักเรียน\n".encode())
    response = client.post(BASE + "learners/class/", {"centre": "CDC-B", "file": upload, "key": uuid.uuid4()})
    assert response.status_code == 403
    assert not get_user_model().objects.filter(display_name="บุญมี รักเรียน").exists()


@pytest.mark.parametrize(("who", "shown"), [("staff_a", True), ("national", True), ("trainer", False)])
def test_reports_menu_is_shown_only_to_staff(client, world, who, shown):
    client.force_login(world[who])
    html = client.get("/admin/").content.decode()
    assert (BASE in html) is shown
