"""Text size and high contrast: one POST, remembered on the account or in a cookie, never sticking to a
shared computer after sign-out; the forgot-password page sends learners to their centre's staff."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from learners.display import COOKIE, Display, from_cookie
from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
DISPLAY = "/th/accounts/display/"


def html_classes(response):
    text = response.content.decode()
    start = text.index("<html")
    return text[start : text.index(">", start)]


def test_a_visitor_chooses_large_text_and_the_cookie_remembers_it(client, site):
    response = client.post(DISPLAY, {"text_size": "200", "next": "/th/"})
    assert response.status_code == 302 and response["Location"] == "/th/"
    cookie = response.cookies[COOKIE]
    assert cookie.value == "t200-c0" and cookie["httponly"] and int(cookie["max-age"]) > 30 * 24 * 3600
    assert 'class="text-200"' in html_classes(client.get("/th/"))


def test_high_contrast_is_a_toggle_and_keeps_the_text_size(client, site):
    client.post(DISPLAY, {"text_size": "150"})
    client.post(DISPLAY, {"high_contrast": "on"})
    assert 'class="text-150 high-contrast"' in html_classes(client.get("/th/"))
    client.post(DISPLAY, {"high_contrast": "off"})
    assert 'class="text-150"' in html_classes(client.get("/th/"))


def test_the_menu_shows_which_choice_is_on(client, site):
    client.post(DISPLAY, {"text_size": "150"})
    text = client.get("/th/").content.decode()
    assert 'value="150" class="display-choice size-150" aria-pressed="true"' in text
    assert 'value="100" class="display-choice size-100" aria-pressed="false"' in text
    assert 'name="high_contrast" value="on"' in text


def test_a_signed_in_learner_keeps_the_setting_on_the_account_not_in_a_cookie(client, site):
    user = UserFactory()
    client.force_login(user)
    response = client.post(DISPLAY, {"text_size": "200", "high_contrast": "on", "next": "/th/courses/"})
    assert response["Location"] == "/th/courses/"
    assert COOKIE not in response.cookies
    user.refresh_from_db()
    assert (user.text_size, user.high_contrast) == (200, True)
    # another browser, same account
    other = client.__class__()
    other.force_login(user)
    assert 'class="text-200 high-contrast"' in html_classes(other.get("/th/"))


def test_after_sign_out_on_a_shared_computer_the_next_person_gets_the_browser_setting(client, site):
    user = UserFactory()
    response = client.post(
        "/th/accounts/sign-in/", {"username": user.username, "password": DEFAULT_PASSWORD, "shared_computer": "on"}
    )
    assert response.status_code == 302
    client.post(DISPLAY, {"text_size": "200", "high_contrast": "on"})
    assert 'class="text-200 high-contrast"' in html_classes(client.get("/th/"))
    client.post(reverse("learners:logout"))
    assert "class=" not in html_classes(client.get("/th/"))


def test_an_account_without_a_choice_follows_the_browser(client, site):
    client.post(DISPLAY, {"text_size": "150"})
    client.force_login(UserFactory())
    assert 'class="text-150"' in html_classes(client.get("/th/"))


@pytest.mark.parametrize(
    "data", [{"text_size": "300"}, {"text_size": "๑๕๐"}, {"high_contrast": "maybe"}, {"text_size": "1\x002"}]
)
def test_a_bad_choice_is_a_translated_400_and_changes_nothing(client, site, data):
    response = client.post(DISPLAY, data)
    assert response.status_code == 400
    assert "ตัวเลือกนี้ไม่มี" in response.content.decode()
    assert COOKIE not in response.cookies


def test_next_must_be_a_path_on_this_site(client, site):
    response = client.post(DISPLAY, {"text_size": "150", "next": "https://evil.example/"})
    assert response["Location"] == DISPLAY


def test_the_display_page_is_open_to_everyone_and_get_changes_nothing(client, site):
    response = client.get(DISPLAY + "?text_size=200")
    assert response.status_code == 200 and COOKIE not in response.cookies
    assert "ขนาดตัวอักษร" in response.content.decode()
    client.force_login(UserFactory())
    signed_in = client.get(DISPLAY)
    assert signed_in.status_code == 200 and "ขนาดตัวอักษร" in signed_in.content.decode()
    assert client.put(DISPLAY).status_code == 405


@pytest.mark.parametrize("value", ["", "t999-c0", "t200-c2", "t200-c1;x", "x" * 5000])
def test_a_malformed_cookie_means_the_default(value):
    assert from_cookie(value) == Display()


def test_forgot_password_sends_learners_to_centre_staff_in_thai(client, site):
    sign_in = client.get("/th/accounts/sign-in/").content.decode()
    assert 'href="/th/accounts/forgot-password/"' in sign_in and "ลืมรหัสผ่าน" in sign_in
    response = client.get("/th/accounts/forgot-password/")
    text = response.content.decode()
    assert response.status_code == 200
    assert "เจ้าหน้าที่ศูนย์" in text and 'type="email"' not in text
    client.force_login(UserFactory())
    signed_in = client.get("/th/accounts/forgot-password/")
    assert signed_in.status_code == 200 and "เจ้าหน้าที่ศูนย์" in signed_in.content.decode()
    assert client.post("/th/accounts/forgot-password/").status_code == 405


@pytest.mark.parametrize("page_kind", ["lesson", "quiz"])
def test_reading_pages_enlarge_the_text_with_one_tap_and_cycle_back(client, site, page_kind):
    from tests.factories import make_course, make_quiz

    course, lessons = make_course(site["catalog"], slug="one-tap", lessons=1)
    url = lessons[0].url if page_kind == "lesson" else make_quiz(course).url
    seen = []
    for _ in range(3):
        page = BeautifulSoup(client.get(url).content, "html.parser")
        button = page.select_one("form.text-size-tap button[name=text_size]")
        seen.append((page.html.get("class", []), button["value"]))
        assert page.select_one("form.text-size-tap button[name=high_contrast]")["value"] == "on"
        response = client.post(
            page.select_one("form.text-size-tap")["action"], {"text_size": button["value"], "next": url}
        )
        assert response.status_code == 302 and response["Location"] == url
    assert seen == [([], "150"), (["text-150"], "200"), (["text-200"], "100")]
    assert "text-" not in " ".join(BeautifulSoup(client.get(url).content, "html.parser").html.get("class", []))


def test_reading_pages_switch_high_contrast_with_one_tap(client, site):
    from tests.factories import make_course

    _course, lessons = make_course(site["catalog"], slug="one-tap-contrast", lessons=1)
    url = lessons[0].url
    page = BeautifulSoup(client.get(url).content, "html.parser")
    toggle = page.select_one("form.text-size-tap button[name=high_contrast]")
    assert toggle["value"] == "on" and toggle["aria-pressed"] == "false"
    client.post(page.select_one("form.text-size-tap")["action"], {"high_contrast": "on", "next": url})
    page = BeautifulSoup(client.get(url).content, "html.parser")
    assert page.html["class"] == ["high-contrast"]
    toggle = page.select_one("form.text-size-tap button[name=high_contrast]")
    assert toggle["value"] == "off" and toggle["aria-pressed"] == "true"
