import pytest
from django.urls import reverse
from django.utils.html import escape

from learners.models import Centre, Membership, User
from tests.factories import DEFAULT_PASSWORD, CentreFactory, UserFactory

SIGNUP = "/th/accounts/sign-up/"
SIGNIN = "/th/accounts/sign-in/"


@pytest.fixture
def centre(db):
    return CentreFactory(code="CDC-CMI-9", name_th="ศูนย์ดิจิทัลชุมชนวัดสวนดอก", province="เชียงใหม่")


def signup_data(home, **overrides):
    data = {
        "display_name": "นางสาวมาลี ใจงาม",
        "login": "0812345678",
        "password": "ทุเรียน-หมอนทอง-2569",
        "centre": home.pk,
        "email": "",
    }
    data.update(overrides)
    return data


def test_sign_up_with_thai_name_and_mobile_without_email_signs_in(client, centre):
    response = client.post(SIGNUP, signup_data(centre))
    assert response.status_code == 302
    user = User.objects.get(mobile="0812345678")
    assert user.display_name == "นางสาวมาลี ใจงาม" and user.email == "" and user.home_centre == centre
    assert Membership.objects.filter(user=user, centre=centre, role="learner").count() == 1
    assert client.session["_auth_user_id"] == str(user.pk)


def test_sign_up_with_a_username_and_mobile_written_with_dashes(client, centre):
    client.post(SIGNUP, signup_data(centre, login="081-234-5678"))
    assert User.objects.get(username="0812345678").mobile == "0812345678"
    client.logout()
    client.post(SIGNUP, signup_data(centre, login="malee.j", email="malee@example.org"))
    user = User.objects.get(username="malee.j")
    assert user.mobile is None and user.email == "malee@example.org"


@pytest.mark.parametrize(
    ("overrides", "field", "thai"),
    [
        ({"display_name": "   "}, "display_name", "โปรดกรอกชื่อของคุณ"),
        ({"display_name": "\u200b"}, "display_name", "โปรดกรอกชื่อของคุณ"),
        ({"display_name": "ก" * 151}, "display_name", "151"),
        ({"login": "ชื่อ ผู้ใช้!"}, "login", "ใช้ได้เฉพาะตัวอักษร"),
        ({"login": "12345"}, "login", "หมายเลขโทรศัพท์มือถือ"),
        ({"login": "a" * 151}, "login", "151"),
        ({"password": "12345678"}, "password", ""),
        ({"centre": "999999"}, "centre", "โปรดเลือกศูนย์ของคุณจากรายการ"),
        ({"centre": "not-a-number"}, "centre", "โปรดเลือกศูนย์ของคุณจากรายการ"),
        ({"centre": ""}, "centre", "โปรดเลือกศูนย์ของคุณ"),
        ({"email": "not-an-email"}, "email", ""),
    ],
)
def test_bad_sign_up_input_is_a_translated_400_and_saves_nothing(client, centre, overrides, field, thai):
    response = client.post(SIGNUP, signup_data(centre, **overrides))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert thai in response.content.decode()
    assert not User.objects.exists() and not Membership.objects.exists()


def test_taken_username_and_mobile_are_refused_politely(client, centre):
    UserFactory(username="Somchai")
    UserFactory(username="0899999999", mobile="0899999999")
    taken = client.post(SIGNUP, signup_data(centre, login="somchai"))
    assert taken.status_code == 400 and "ชื่อผู้ใช้นี้มีผู้ใช้แล้ว" in taken.content.decode()
    mobile = client.post(SIGNUP, signup_data(centre, login="089-999-9999"))
    assert mobile.status_code == 400 and "หมายเลขโทรศัพท์นี้ลงทะเบียนแล้ว" in mobile.content.decode()
    assert User.objects.count() == 2


def test_sign_up_page_never_sends_the_whole_centre_list(client, db):
    Centre.objects.bulk_create(
        Centre(code=f"C{i}", name_th=f"ศูนย์ดิจิทัลชุมชนบ้าน{i}", province="ขอนแก่น" if i % 2 else "ลำปาง") for i in range(2281)
    )
    page = client.get(SIGNUP)
    html = page.content.decode()
    assert page.status_code == 200 and html.count('name="centre"') == 0 and len(html) < 30_000
    found = client.get(SIGNUP, {"centre_q": "ขอนแก่น"}).content.decode()
    assert found.count('type="radio" name="centre"') == 20 and "พิมพ์ชื่อเพิ่มอีก" in found
    fragment = client.get(reverse("learners:centre_picker"), {"centre_q": "บ้าน1234"}, HTTP_HX_REQUEST="true")
    assert fragment.content.decode().count('name="centre"') == 1 and "<html" not in fragment.content.decode()


def test_a_chosen_centre_stays_chosen_when_the_form_comes_back_with_errors(client, centre):
    response = client.post(SIGNUP, signup_data(centre, password="123"))
    assert response.status_code == 400
    assert f'value="{centre.pk}" checked' in response.content.decode()


def test_sign_in_by_mobile_or_username_any_case_and_sign_out(client, db):
    user = UserFactory(username="Malee", mobile="0811111111")
    assert client.post(SIGNIN, {"username": "081-111-1111", "password": DEFAULT_PASSWORD}).status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.post(reverse("learners:logout")).status_code == 302
    assert "_auth_user_id" not in client.session
    assert client.post(SIGNIN, {"username": "malee", "password": DEFAULT_PASSWORD}).status_code == 302
    assert client.get(reverse("learners:logout")).status_code == 405  # sign-out is POST only


def test_five_wrong_passwords_lock_sign_in_with_a_thai_message(client, db):
    UserFactory(username="somsak")
    for _ in range(4):
        wrong = client.post(SIGNIN, {"username": "somsak", "password": "wrong-password"})
        assert wrong.status_code == 200 and "_auth_user_id" not in client.session
        [error] = wrong.context["form"].non_field_errors()
        assert "รหัสผ่าน" in error and escape(error) in wrong.content.decode()  # the form again, saying why
    locked = client.post(SIGNIN, {"username": "somsak", "password": "wrong-password"})
    assert locked.status_code == 429
    assert "ระบบพักการเข้าสู่ระบบ 15 นาที" in locked.content.decode()
    still_locked = client.post(SIGNIN, {"username": "somsak", "password": DEFAULT_PASSWORD})
    assert still_locked.status_code == 429 and "_auth_user_id" not in client.session


def test_signed_in_user_changes_own_password(client, db):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("learners:password_change"),
        {"old_password": DEFAULT_PASSWORD, "new_password1": "ข้าวเหนียว-มะม่วง-99", "new_password2": "ข้าวเหนียว-มะม่วง-99"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("ข้าวเหนียว-มะม่วง-99")
    client.logout()
    response = client.get(reverse("learners:password_change"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("learners:login"))
