"""Centre staff create learner accounts and reset passwords — for learners of their own centre only."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from learners.models import Membership, User
from learners.permissions import can_manage_learner, is_centre_staff, manageable_learners, staff_centres
from tests.factories import DEFAULT_PASSWORD, CentreFactory, MembershipFactory, UserFactory

CREATE = reverse("learners:staff_create_learner")


def reset_url(user):
    return reverse("learners:staff_reset_password", kwargs={"user_id": user.pk})


@pytest.fixture
def world(db):
    """Two centres, a staff member and a learner at each, a trainer, and a superuser."""
    home, other = CentreFactory(), CentreFactory()
    staff = UserFactory(username="staff_home", home_centre=home)
    MembershipFactory(user=staff, centre=home, role=Membership.Role.STAFF)
    other_staff = UserFactory(username="staff_other", home_centre=other)
    MembershipFactory(user=other_staff, centre=other, role=Membership.Role.STAFF)
    learner = UserFactory(username="learner_home", home_centre=home)
    MembershipFactory(user=learner, centre=home)
    other_learner = UserFactory(username="learner_other", home_centre=other)
    trainer = UserFactory(username="trainer_home", home_centre=home)
    MembershipFactory(user=trainer, centre=home, role=Membership.Role.TRAINER)
    admin = User.objects.create_superuser("root", password=DEFAULT_PASSWORD)
    return {
        "home": home,
        "other": other,
        "staff": staff,
        "other_staff": other_staff,
        "learner": learner,
        "other_learner": other_learner,
        "trainer": trainer,
        "admin": admin,
    }


def test_permission_helpers(world):
    w = world
    assert is_centre_staff(w["staff"], w["home"]) and not is_centre_staff(w["staff"], w["other"])
    assert not is_centre_staff(w["learner"]) and is_centre_staff(w["admin"], w["other"])
    assert list(staff_centres(w["staff"])) == [w["home"]]
    assert staff_centres(w["admin"]).count() == 2 and not staff_centres(w["learner"]).exists()
    assert can_manage_learner(w["staff"], w["learner"])
    assert not can_manage_learner(w["staff"], w["other_learner"])
    assert not can_manage_learner(w["other_staff"], w["learner"])
    assert not can_manage_learner(w["learner"], w["learner"]) and not can_manage_learner(
        w["learner"], w["other_learner"]
    )
    assert not can_manage_learner(w["staff"], w["trainer"]), "staff cannot take over a trainer's account"
    assert not can_manage_learner(w["staff"], w["staff"]) and not can_manage_learner(w["staff"], w["admin"])
    assert can_manage_learner(w["admin"], w["other_learner"]) and can_manage_learner(w["admin"], w["trainer"])
    assert set(manageable_learners(w["staff"])) == {w["learner"]}
    assert not manageable_learners(w["learner"]).exists()


def test_centre_staff_group_member_is_staff_of_their_home_centre(world):
    person = UserFactory(home_centre=world["other"])
    assert not is_centre_staff(person)
    person.groups.add(Group.objects.get(name="Centre staff"))
    person = User.objects.get(pk=person.pk)
    assert list(staff_centres(person)) == [world["other"]]
    assert can_manage_learner(person, world["other_learner"]) and not can_manage_learner(person, world["learner"])


@pytest.mark.parametrize(
    ("who", "expected"),
    [(None, 302), ("learner", 403), ("other_learner", 403), ("trainer", 403), ("other_staff", 200), ("staff", 200)],
)
def test_who_may_open_the_staff_pages(client, world, who, expected):
    if who:
        client.force_login(world[who])
    for url in (reverse("learners:staff_home"), CREATE):
        assert client.get(url).status_code == expected, url


@pytest.mark.parametrize(
    ("who", "expected"),
    [(None, 302), ("learner", 403), ("other_learner", 403), ("other_staff", 404), ("staff", 200), ("admin", 200)],
)
def test_who_may_reset_a_learners_password(client, world, who, expected):
    if who:
        client.force_login(world[who])
    response = client.post(reset_url(world["learner"]))
    assert response.status_code == expected
    learner = User.objects.get(pk=world["learner"].pk)
    assert learner.check_password(DEFAULT_PASSWORD) == (expected != 200)


def test_reset_shows_a_one_time_password_that_works_and_lifts_a_lockout(client, world):
    for _ in range(5):
        client.post("/th/accounts/sign-in/", {"username": "learner_home", "password": "wrong-wrong"})
    assert (
        client.post("/th/accounts/sign-in/", {"username": "learner_home", "password": DEFAULT_PASSWORD}).status_code
        == 429
    )
    client.force_login(world["staff"])
    assert "learner_home" in client.get(reset_url(world["learner"])).content.decode()
    response = client.post(reset_url(world["learner"]))
    password = response.context["password"]
    assert password in response.content.decode() and "รหัสผ่านใช้ครั้งเดียว" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    client.logout()
    signed_in = client.post("/th/accounts/sign-in/", {"username": "learner_home", "password": password})
    assert signed_in.status_code == 302 and client.session["_auth_user_id"] == str(world["learner"].pk)


def test_unknown_learner_id_is_404(client, world):
    client.force_login(world["staff"])
    assert client.post(reverse("learners:staff_reset_password", kwargs={"user_id": 987654})).status_code == 404
    assert client.post(reset_url(world["trainer"])).status_code == 404


def test_staff_create_a_learner_at_their_centre_with_a_one_time_password(client, world):
    client.force_login(world["staff"])
    response = client.post(
        CREATE, {"display_name": "ยายสมร ดีใจ", "login": "0861234567", "centre": world["home"].pk, "email": ""}
    )
    assert response.status_code == 200
    created = User.objects.get(mobile="0861234567")
    assert created.home_centre == world["home"] and created.display_name == "ยายสมร ดีใจ"
    assert Membership.objects.filter(user=created, centre=world["home"], role="learner").exists()
    assert created.check_password(response.context["password"])
    assert can_manage_learner(world["staff"], created)


def test_staff_cannot_create_a_learner_at_another_centre(client, world):
    client.force_login(world["staff"])
    before = User.objects.count()
    response = client.post(CREATE, {"display_name": "คนอื่น", "login": "someone", "centre": world["other"].pk})
    assert response.status_code == 400 and "โปรดเลือกศูนย์ของคุณจากรายการ" in response.content.decode()
    assert User.objects.count() == before


def test_staff_create_form_offers_only_their_own_centres(client, world):
    client.force_login(world["staff"])
    html = client.get(CREATE).content.decode()
    assert f'value="{world["home"].pk}" checked' in html and f'value="{world["other"].pk}"' not in html
    fragment = client.get(reverse("learners:centre_picker"), {"scope": "staff", "centre_q": world["other"].name_th})
    assert f'value="{world["other"].pk}"' not in fragment.content.decode()


def test_staff_search_finds_only_learners_of_their_centre(client, world):
    client.force_login(world["staff"])
    html = client.get(reverse("learners:staff_home"), {"q": "learner"}).content.decode()
    assert "learner_home" in html and "learner_other" not in html
    assert reset_url(world["learner"]) in html


def test_centre_picker_scope_staff_shows_nothing_to_non_staff(client, world):
    for who in (None, "learner"):
        if who:
            client.force_login(world[who])
        html = client.get(reverse("learners:centre_picker"), {"scope": "staff", "centre_q": "ศูนย์"}).content.decode()
        assert 'name="centre"' not in html


def test_unknown_deletion_request_is_404_for_staff(client, world):
    client.force_login(world["staff"])
    assert client.get(reverse("learners:staff_confirm_deletion", kwargs={"request_id": 424242})).status_code == 404
