"""Creating a class's accounts from a CSV file: all or nothing, clear errors, passwords shown once."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from learners.models import Membership

URL = "/admin/centre-reports/learners/class/"
User = get_user_model()


def upload(client, content, centre=None, name="class.csv"):
    data = {"file": SimpleUploadedFile(name, content, content_type="text/csv")}
    if centre:
        data["centre"] = centre
    return client.post(URL, data)


@pytest.fixture
def staff(client, world):
    client.force_login(world["staff_a"])
    return world


def test_a_good_class_creates_every_account_and_shows_the_first_passwords_once(client, staff):
    content = "\ufeffdisplay_name,username_or_mobile\nบุญมี รักเรียน,0899999999\nมานี มีนา,manee.m\nสมศักดิ์ ขยัน,\n"
    response = upload(client, content.encode("utf-8"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    created = User.objects.filter(display_name__in=["บุญมี รักเรียน", "มานี มีนา", "สมศักดิ์ ขยัน"])
    assert created.count() == 3
    for user in created:
        assert user.home_centre == staff["centre_a"]
        assert Membership.objects.filter(user=user, centre=staff["centre_a"], role="learner").exists()
        assert user.username in html
    assert User.objects.get(display_name="บุญมี รักเรียน").mobile == "0899999999"
    made_up = User.objects.get(display_name="สมศักดิ์ ขยัน").username
    assert made_up.startswith("somsak") and made_up[len("somsak") :].isdigit()
    passwords = [cell.split("</td>")[0] for cell in html.split('<td class="reports-sheet__code">')[1:]][1::2]
    assert len(passwords) == 3
    for user, password in zip(created.order_by("pk"), passwords, strict=True):
        assert password not in user.password  # stored only as a hash
        assert user.check_password(password)


def test_one_bad_row_creates_nothing_and_names_every_bad_line(client, staff):
    content = (
        "display_name,username_or_mobile\nบุญมี รักเรียน,0899999999\n,nobody\nมานี มีนา,12345\nสมหญิง,somchai\nก,bad name!\n"
    )
    response = upload(client, content.encode())
    assert response.status_code == 400
    html = response.content.decode()
    for line in (3, 4, 5, 6):
        assert f"Line {line}:" in html or f"บรรทัดที่ {line}:" in html
    assert "somchai" in html
    assert not User.objects.filter(display_name="บุญมี รักเรียน").exists()


def test_the_same_username_twice_in_a_file_is_refused(client, staff):
    response = upload(client, "display_name,username_or_mobile\nเอ,same.name\nบี,SAME.name\n".encode())
    assert response.status_code == 400
    assert User.objects.filter(username__iexact="same.name").count() == 0


@pytest.mark.parametrize(
    "content",
    [
        b"name,login\n\xe0\xb8\x81,x\n",
        b"display_name,username_or_mobile,extra\nA,b,c\n",
        b"",
        b"display_name\n",
        b"\x00\x81\x8d\x8f\x90\x9d" * 10,
    ],
    ids=["wrong columns", "extra column", "empty", "no rows", "binary"],
)
def test_bad_files_get_a_clear_message_and_400(client, staff, content):
    before = User.objects.count()
    response = upload(client, content)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html or "error-message" in html
    assert User.objects.count() == before


def test_a_thai_windows_tis620_file_is_read(client, staff):
    response = upload(client, "display_name\nประเสริฐ ดีงาม\n".encode("cp874"))
    assert response.status_code == 200
    assert User.objects.filter(display_name="ประเสริฐ ดีงาม").exists()
    assert "TIS-620" in response.content.decode()


def test_a_semicolon_separated_excel_file_is_read(client, staff):
    response = upload(client, "display_name;username_or_mobile\nวิไล ใจงาม;wilai\n".encode("utf-8-sig"))
    assert response.status_code == 200
    assert User.objects.filter(username="wilai").exists()


def test_too_many_rows_are_refused(client, staff):
    content = "display_name\n" + "".join(f"ผู้เรียน {n}\n" for n in range(61))
    assert upload(client, content.encode()).status_code == 400
    assert not User.objects.filter(display_name__startswith="ผู้เรียน ").exists()


def test_national_staff_must_say_which_centre(client, world):
    client.force_login(world["national"])
    assert upload(client, "display_name\nเอ\n".encode()).status_code == 400
    response = upload(client, "display_name\nเอ\n".encode(), centre="CDC-B")
    assert response.status_code == 200
    assert User.objects.get(display_name="เอ").home_centre == world["centre_b"]


def test_unknown_centre_code_is_a_400(client, world):
    client.force_login(world["national"])
    assert upload(client, "display_name\nเอ\n".encode(), centre="NOPE").status_code == 400
    assert client.get(URL, {"centre": "NOPE"}).status_code == 400


def test_the_sheet_hides_admin_furniture_when_printed(client, staff):
    from pathlib import Path

    css = Path(__file__).resolve().parents[2].joinpath("reports/static/reports/admin.css").read_text()
    print_rules = css.split("@media print", 1)[1]
    assert "#wagtail-sidebar" in print_rules and ".reports-no-print" in print_rules
