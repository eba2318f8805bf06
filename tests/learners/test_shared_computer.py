"""Shared centre PCs: session ends with the browser and after 30 idle minutes; personal pages are not cached."""

import pytest
from django.conf import settings
from django.urls import reverse

from lms.middleware import LAST_SEEN_KEY
from tests.factories import DEFAULT_PASSWORD, UserFactory

SIGNIN = "/th/accounts/sign-in/"


def sign_in(client, user, shared):
    data = {"username": user.username, "password": DEFAULT_PASSWORD}
    if shared:
        data["shared_computer"] = "on"
    response = client.post(SIGNIN, data)
    assert response.status_code == 302
    return response


def test_shared_computer_session_cookie_ends_with_the_browser(client, db):
    response = sign_in(client, UserFactory(), shared=True)
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["expires"] == "" and cookie["max-age"] == ""
    assert client.session.get_expire_at_browser_close()


def test_personal_computer_session_is_remembered_for_two_weeks(client, db):
    response = sign_in(client, UserFactory(), shared=False)
    assert int(response.cookies[settings.SESSION_COOKIE_NAME]["max-age"]) == settings.SESSION_COOKIE_AGE


def age_last_seen(client, minutes):
    session = client.session
    session[LAST_SEEN_KEY] -= minutes * 60
    session.save()


def test_31_idle_minutes_on_a_shared_computer_signs_out(client, db):
    sign_in(client, UserFactory(), shared=True)
    age_last_seen(client, 31)
    response = client.get(reverse("learners:my_data"))
    assert response.status_code == 302 and reverse("learners:login") in response["Location"]
    assert "_auth_user_id" not in client.session


def test_activity_within_30_minutes_keeps_the_shared_session(client, db):
    sign_in(client, UserFactory(), shared=True)
    age_last_seen(client, 29)
    assert client.get(reverse("learners:my_data")).status_code == 200
    assert "_auth_user_id" in client.session
    age_last_seen(client, 29)  # measured from the last request, not from sign-in
    assert client.get(reverse("learners:my_data")).status_code == 200
    assert "_auth_user_id" in client.session


def test_idle_time_does_not_sign_out_on_a_personal_device(client, db):
    sign_in(client, UserFactory(), shared=False)
    session = client.session
    session[LAST_SEEN_KEY] = 0
    session.save()
    assert client.get(reverse("learners:my_data")).status_code == 200
    assert "_auth_user_id" in client.session


@pytest.mark.parametrize("url", [reverse("learners:my_data"), reverse("lessons:my_learning"), "/th/accounts/password/"])
def test_personal_pages_send_no_store_to_signed_in_users(client, db, url):
    client.force_login(UserFactory())
    response = client.get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_sign_out_response_is_not_cached_either(client, db):
    client.force_login(UserFactory())
    response = client.post(reverse("learners:logout"))
    assert "no-store" in response["Cache-Control"]


def test_sign_out_button_is_on_every_page_for_signed_in_users(client, site):
    client.force_login(UserFactory())
    for url in ("/th/", "/th/courses/", reverse("lessons:my_learning"), reverse("learners:my_data")):
        html = client.get(url).content.decode()
        assert f'action="{reverse("learners:logout")}"' in html and "ออกจากระบบ" in html, url
