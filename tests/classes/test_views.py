"""Learners join and check in over HTTP; staff add sessions and members; the projector screen."""

import pytest
from django.utils import timezone, translation

from classes import codes
from classes.models import Attendance, ClassMember, Session

from .conftest import at


@pytest.fixture
def clock(monkeypatch):
    """A frozen clock: ``clock(moment)`` makes ``timezone.now()`` return it everywhere."""

    def freeze(moment):
        monkeypatch.setattr(timezone, "now", lambda: moment)
        return moment

    return freeze


def test_join_by_class_code(client, world):
    client.force_login(world["outsider"])
    page = client.get(f"/th/classes/join/?code={world['klass'].join_code}").content.decode()
    assert world["klass"].join_code in page
    response = client.post("/th/classes/join/", {"code": world["klass"].join_code.lower()})
    assert response.status_code == 302 and response["Location"] == "/th/classes/"
    assert ClassMember.objects.filter(klass=world["klass"], user=world["outsider"]).exists()
    assert world["klass"].name in client.get("/th/classes/").content.decode()


@pytest.mark.parametrize(
    "code,status,message",
    [
        ("", 400, "This field is required."),
        ("12", 400, "A class code has 6 letters and digits, like K7M2QX. Ask your trainer."),
        ("ZZZZZZ", 404, "There is no class with this code. Check the code with your trainer."),
    ],
)
def test_wrong_class_codes_get_a_translated_error(client, world, code, status, message):
    client.force_login(world["outsider"])
    response = client.post("/th/classes/join/", {"code": code})
    assert response.status_code == status
    with translation.override("th"):
        thai = translation.gettext(message)
    assert thai != message and thai in response.content.decode()
    assert not ClassMember.objects.filter(user=world["outsider"]).exists()


def test_check_in_with_the_code_on_the_screen(client, world, clock):
    moment = clock(at(world["today"], 13, 3))
    code = codes.current_code(world["session"], moment)
    client.force_login(world["somchai"])
    form = client.get(f"/th/classes/check-in/?code={code}")
    assert form.status_code == 200 and code in form.content.decode()
    assert not Attendance.objects.exists(), "opening the QR link alone records nothing"
    response = client.post("/th/classes/check-in/", {"code": code})
    assert response.status_code == 200 and "เช็กอินแล้ว" in response.content.decode()
    again = client.post("/th/classes/check-in/", {"code": code})
    assert again.status_code == 200 and "คุณเช็กอินไว้แล้ว" in again.content.decode()
    assert Attendance.objects.filter(user=world["somchai"], session=world["session"]).count() == 1


def test_a_code_cannot_check_in_anyone_else(client, world, clock):
    moment = clock(at(world["today"], 13, 3))
    code = codes.current_code(world["session"], moment)
    client.force_login(world["somchai"])
    client.post("/th/classes/check-in/", {"code": code, "user": world["malee"].pk, "user_id": world["malee"].pk})
    assert list(Attendance.objects.values_list("user__username", flat=True)) == ["somchai"]
    client.force_login(world["outsider"])
    response = client.post("/th/classes/check-in/", {"code": code})
    assert response.status_code == 400
    with translation.override("th"):
        wrong = translation.gettext(  # the code's class is not theirs: for them no session is open
            "None of your classes has a session open for check-in now. Check-in opens 15 minutes before a session."
        )
    assert wrong in response.content.decode()
    assert Attendance.objects.count() == 1


def test_guessing_is_rate_limited_per_learner(client, world, clock, settings):
    settings.CLASSES_LEARNER_RATE = "3/10m"
    moment = clock(at(world["today"], 13, 3))
    right = codes.current_code(world["session"], moment)
    wrong = [f"{(int(right) + n) % 10**6:06d}" for n in range(1, 7)]
    client.force_login(world["somchai"])
    statuses = [client.post("/th/classes/check-in/", {"code": guess}).status_code for guess in wrong]
    assert statuses.count(400) <= 4 and statuses[-2:] == [429, 429], statuses
    response = client.post("/th/classes/check-in/", {"code": right})
    assert response.status_code == 429 and "รอ" in response.content.decode()
    assert not Attendance.objects.exists()
    client.force_login(world["malee"])
    response = client.post("/th/classes/check-in/", {"code": right})
    assert response.status_code == 200 and "เช็กอินเรียบร้อยแล้ว" in response.content.decode()
    assert list(Attendance.objects.values_list("user__username", flat=True)) == ["malee"]


def test_check_in_outside_the_session_explains_why(client, world, clock):
    clock(at(world["today"], 9, 0))
    client.force_login(world["somchai"])
    response = client.post("/th/classes/check-in/", {"code": "123456"})
    assert response.status_code == 400
    assert "15" in response.content.decode()


def test_projector_screen_shows_the_current_code_and_a_qr(client, world, clock):
    moment = clock(at(world["today"], 13, 0, 10))
    client.force_login(world["trainer"])
    response = client.get(f"/admin/classes/sessions/{world['session'].pk}/check-in/")
    page = response.content.decode()
    code = codes.current_code(world["session"], moment)
    assert f"{code[:3]} {code[3:]}" in page
    assert 'class="segno"' in page and "hx-trigger" in page
    assert "no-store" in response["Cache-Control"]
    fragment = client.get(f"/admin/classes/sessions/{world['session'].pk}/check-in/", headers={"HX-Request": "true"})
    assert "<html" not in fragment.content.decode() and code[:3] in fragment.content.decode()
    clock(at(world["today"], 10, 0))
    closed = client.get(f"/admin/classes/sessions/{world['session'].pk}/check-in/").content.decode()
    assert 'data-testid="checkin-code"' not in closed and 'class="segno"' not in closed
    assert "15" in closed


def test_staff_add_sessions_and_members_with_clear_errors(client, world):
    client.force_login(world["staff_a"])
    url = f"/admin/classes/{world['klass'].pk}/"
    bad = client.post(url + "sessions/", {"date": "2026-12-01", "start_time": "12:00", "end_time": "09:00"})
    assert bad.status_code == 400 and Session.objects.count() == 1
    with translation.override("th"):  # the admin is Thai
        assert translation.gettext("The session must end after it starts.") in bad.content.decode()
        unknown = translation.gettext("There is no learner of this centre with this username or mobile number.")
    good = client.post(
        url + "sessions/", {"date": "2026-12-01", "start_time": "09:00", "end_time": "12:00", "place": "ศาลา"}
    )
    assert good.status_code == 302 and Session.objects.count() == 2
    nobody = client.post(url + "members/", {"login": "malee_nobody"})
    assert nobody.status_code == 400 and unknown in nobody.content.decode()
    other_centre_learner = world["staff_b"]
    elsewhere = client.post(url + "members/", {"login": other_centre_learner.username})
    assert elsewhere.status_code == 400 and unknown in elsewhere.content.decode()
    assert client.post(url + "members/", {"login": "outsider"}).status_code == 302
    assert ClassMember.objects.filter(klass=world["klass"], user=world["outsider"]).exists()
    page = client.get(url).content.decode()
    assert "ศาลา" in page and "2569" in page


def test_roster_form_works_without_javascript(client, world):
    client.force_login(world["trainer"])
    url = f"/admin/classes/sessions/{world['session'].pk}/roster/"
    somchai, malee = world["somchai"], world["malee"]
    response = client.post(
        url,
        {
            "learner": [somchai.pk, malee.pk, "x", "99999999999999999999999"],
            f"present-{malee.pk}": "on",
            f"late-{malee.pk}": "on",
        },
    )
    assert response.status_code == 302
    row = Attendance.objects.get()
    assert row.user == malee and row.late and row.recorded_by == world["trainer"]
    assert "checked" in client.get(url).content.decode()


def test_english_pages_work_too(client, world, clock):
    clock(at(world["today"], 13, 3))
    client.force_login(world["somchai"])
    assert "Check in" in client.get("/en/classes/check-in/").content.decode()
    mine = client.get("/en/classes/")
    assert mine.status_code == 200
    assert "<h1>My classes</h1>" in mine.content.decode() and world["klass"].name in mine.content.decode()


def test_my_learning_links_to_classes_for_signed_in_learners(client, world):
    client.force_login(world["somchai"])
    page = client.get("/th/learning/").content.decode()
    assert "/th/classes/check-in/" in page and "/th/classes/join/" in page
