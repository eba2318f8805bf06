"""Creating a class's accounts from pasted names or a CSV file: all or nothing, clear errors, the sheet of
first passwords, and the same form sent twice creates nothing twice."""

import datetime
import uuid

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from learners.models import Membership
from reports.models import AccountBatch

from .conftest import grant_admin_access

URL = "/admin/centre-reports/learners/class/"
User = get_user_model()


def upload(client, content, centre=None, name="class.csv", key=None):
    data = {"file": SimpleUploadedFile(name, content, content_type="text/csv"), "key": key or uuid.uuid4()}
    if centre:
        data["centre"] = centre
    return client.post(URL, data, follow=True)


def paste(client, names, key=None, **extra):
    return client.post(URL, {"names": names, "key": key or uuid.uuid4(), **extra}, follow=True)


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
        assert f"บรรทัดที่ {line}:" in html  # the admin is Thai
    assert "somchai" in html
    assert not User.objects.filter(display_name="บุญมี รักเรียน").exists()


def test_the_same_username_twice_in_a_file_is_refused(client, staff):
    response = upload(client, "display_name,username_or_mobile\nเอ,same.name\nบี,SAME.name\n".encode())
    assert response.status_code == 400
    assert NOTHING_CREATED in errors(response) and "SAME.name" in errors(response)
    assert User.objects.filter(username__iexact="same.name").count() == 0


NOTHING_CREATED = "ยังไม่ได้สร้างบัญชีใด กรุณาแก้ไขรายชื่อแล้วส่งอีกครั้ง"
HEADER_WRONG = "บรรทัดที่ 1: บรรทัดแรกต้องเป็นชื่อคอลัมน์ ชื่อ และ ชื่อผู้ใช้หรือเบอร์มือถือ (ไม่บังคับ) แต่พบ: "


def errors(response):
    """The words of the page's error messages (the summary and the field errors), as a staff member reads them."""
    soup = BeautifulSoup(response.content, "html.parser")
    places = soup.select("[role=alert], .error-message, .w-field__errors, .messages")
    return " ".join(" ".join(el.get_text(" ").split()) for el in places)


@pytest.mark.parametrize(
    "content, message",
    [
        (b"name,login\n\xe0\xb8\x81,x\n", HEADER_WRONG + "name, login"),
        (
            b"display_name,username_or_mobile,extra\nA,b,c\n",
            HEADER_WRONG + "display_name, username_or_mobile, extra",
        ),
        (b"", "ไฟล์ว่างเปล่า"),
        (b"display_name\n", "ไม่มีรายชื่อผู้เรียนใต้บรรทัดชื่อคอลัมน์"),
        (b"\x00\x81\x8d\x8f\x90\x9d" * 10, "อ่านรหัสตัวอักษรของไฟล์นี้ไม่ได้"),
    ],
    ids=["wrong columns", "extra column", "empty", "no rows", "binary"],
)
def test_bad_files_get_a_clear_message_and_400(client, staff, content, message):
    before = User.objects.count()
    response = upload(client, content)
    assert response.status_code == 400
    assert message in errors(response)
    assert User.objects.count() == before


def test_a_thai_windows_tis620_file_is_read(client, staff):
    response = upload(client, "display_name\nประเสริฐ ดีงาม\n".encode("cp874"))
    assert response.status_code == 200
    assert User.objects.filter(display_name="ประเสริฐ ดีงาม").exists()
    assert "TIS-620" in response.content.decode()


def test_a_semicolon_separated_excel_file_is_read(client, staff):
    response = upload(client, "display_name;username_or_mobile\nวิไล ใจงาม;wilai\n".encode("utf-8-sig"))
    assert response.status_code == 200
    assert User.objects.filter(username="wilai", display_name="วิไล ใจงาม").exists()
    assert "วิไล ใจงาม" in response.content.decode() and "wilai" in response.content.decode()  # on the sheet


def test_too_many_rows_are_refused(client, staff):
    content = "display_name\n" + "".join(f"ผู้เรียน {n}\n" for n in range(61))
    response = upload(client, content.encode())
    assert response.status_code == 400
    assert "ไฟล์มีผู้เรียน 61 คน อัปโหลดได้ครั้งละไม่เกิน 60 คน" in response.content.decode()
    assert not User.objects.filter(display_name__startswith="ผู้เรียน ").exists()


def test_a_superuser_must_say_which_centre(client, world):
    client.force_login(world["superuser"])
    refused = upload(client, "display_name\nเอ\n".encode())
    assert refused.status_code == 400 and "กรอกรหัสศูนย์ของชั้นเรียนนี้" in refused.content.decode()
    assert not User.objects.filter(display_name="เอ").exists()
    response = upload(client, "display_name\nเอ\n".encode(), centre="CDC-B")
    assert response.status_code == 200
    assert User.objects.get(display_name="เอ").home_centre == world["centre_b"]


def test_unknown_centre_code_is_a_400(client, world):
    client.force_login(world["superuser"])
    unknown = "ไม่พบศูนย์ที่มีรหัสนี้ กรุณาตรวจสอบรหัสศูนย์"
    response = upload(client, "display_name\nเอ\n".encode(), centre="NOPE")
    assert response.status_code == 400 and unknown in response.content.decode()
    assert not User.objects.filter(display_name="เอ").exists()
    response = client.get(URL, {"centre": "NOPE"})
    assert response.status_code == 400 and unknown in response.content.decode()


def test_the_sheet_hides_admin_furniture_when_printed(client, staff):
    from pathlib import Path

    css = Path(__file__).resolve().parents[2].joinpath("reports/static/reports/admin.css").read_text()
    print_rules = css.split("@media print", 1)[1]
    assert "#wagtail-sidebar" in print_rules and ".reports-no-print" in print_rules


SHEET_PREFIX = "/admin/centre-reports/learners/class/"


def sheet_passwords(html):
    return [cell.split("</td>")[0] for cell in html.split('<td class="reports-sheet__code">')[1:]][1::2]


def test_names_pasted_from_a_spreadsheet_create_the_class_and_redirect_to_the_sheet(client, staff):
    pasted = "display_name\tusername_or_mobile\nบุญมี รักเรียน\t089-999-9999\nมานี มีนา\t\n\nสมศักดิ์ ขยัน\n"
    key = uuid.uuid4()
    response = client.post(URL, {"names": pasted, "key": key})
    assert response.status_code == 302 and response["Location"] == f"{SHEET_PREFIX}{key}/"
    sheet = client.get(response["Location"])
    assert sheet.status_code == 200 and "no-store" in sheet["Cache-Control"]
    created = User.objects.filter(display_name__in=["บุญมี รักเรียน", "มานี มีนา", "สมศักดิ์ ขยัน"]).order_by("pk")
    assert [user.home_centre for user in created] == [staff["centre_a"]] * 3
    assert User.objects.get(display_name="บุญมี รักเรียน").mobile == "0899999999"
    passwords = sheet_passwords(sheet.content.decode())
    assert [user.check_password(password) for user, password in zip(created, passwords, strict=True)] == [True] * 3


def test_the_same_form_sent_twice_creates_nothing_twice_and_shows_the_same_sheet(client, staff):
    key = uuid.uuid4()
    first = paste(client, "วิไล ใจงาม\nประยุทธ มั่นคง\n", key=key)
    second = paste(client, "วิไล ใจงาม\nประยุทธ มั่นคง\n", key=key)
    assert first.status_code == second.status_code == 200
    assert User.objects.filter(display_name__in=["วิไล ใจงาม", "ประยุทธ มั่นคง"]).count() == 2
    assert AccountBatch.objects.filter(key=key).count() == 1
    assert sheet_passwords(first.content.decode()) == sheet_passwords(second.content.decode())


def test_a_resent_form_with_given_usernames_is_recognised_not_refused_as_taken(client, staff):
    key = uuid.uuid4()
    paste(client, "วิไล ใจงาม,wilai.j\n", key=key)
    again = paste(client, "วิไล ใจงาม,wilai.j\n", key=key)
    assert again.status_code == 200 and "wilai.j" in again.content.decode()
    assert User.objects.filter(username="wilai.j").count() == 1


def test_the_stored_sheet_is_encrypted_and_gone_after_an_hour(client, staff):
    from django.utils import timezone

    key = uuid.uuid4()
    response = paste(client, "มาลัย ดอกไม้\n", key=key)
    password = sheet_passwords(response.content.decode())[0]
    batch = AccountBatch.objects.get(key=key)
    assert password not in batch.sheet and "มาลัย" not in batch.sheet and batch.count == 1
    AccountBatch.objects.filter(pk=batch.pk).update(created_at=timezone.now() - datetime.timedelta(minutes=61))
    later = client.get(f"{SHEET_PREFIX}{key}/")
    assert later.status_code == 200 and password not in later.content.decode()
    assert "มาลัย ดอกไม้" not in later.content.decode()
    assert AccountBatch.objects.get(pk=batch.pk).sheet == ""


@pytest.mark.parametrize(
    "data, message",
    [
        ({"names": ""}, "กรุณาวางรายชื่อผู้เรียน หรือเลือกไฟล์ CSV"),
        ({"names": "   \n\n"}, "กรุณาวางรายชื่อผู้เรียน หรือเลือกไฟล์ CSV"),
        ({"names": "ชื่อ\x00ผิด"}, "ข้อความมีอักขระ NUL ซึ่งใช้ไม่ได้"),
        ({"names": "ก,bad name!"}, "บรรทัดที่ 1: ชื่อผู้ใช้ใช้ได้เฉพาะตัวอักษรภาษาอังกฤษ ตัวเลข จุด ขีด หรือขีดล่าง"),
        ({"names": "ก\tข\tค\tง"}, "บรรทัดที่ 1: บรรทัดนี้มีจำนวนช่องมากกว่าจำนวนคอลัมน์"),
        ({"names": "".join(f"ผู้เรียน {n}\n" for n in range(61))}, "มีผู้เรียน 61 คน สร้างได้ครั้งละไม่เกิน 60 คน"),
        ({"names": "เอ", "key": ""}, "แบบฟอร์มนี้เก่าแล้ว กรุณาเปิดใหม่อีกครั้ง"),
        ({"names": "เอ", "key": "not-a-uuid"}, "แบบฟอร์มนี้เก่าแล้ว กรุณาเปิดใหม่อีกครั้ง"),
        ({"names": "เอ", "klass": "999999"}, "ไม่มีชั้นเรียนนี้ กรุณาเลือกจากรายการ"),
        ({"names": "เอ", "centre": "NOPE"}, "ไม่พบศูนย์ที่มีรหัสนี้ กรุณาตรวจสอบรหัสศูนย์"),
    ],
    ids=[
        "empty",
        "blank lines",
        "NUL",
        "bad username",
        "too many cells",
        "61 names",
        "no key",
        "bad key",
        "unknown class",
        "unknown centre",
    ],
)
def test_bad_pasted_input_is_a_translated_400_and_creates_nothing(client, staff, data, message):
    """The staff member's admin is in Thai whatever the browser asks for; Django's own messages are too."""
    before = User.objects.count()
    data = {"key": uuid.uuid4(), **data}
    response = client.post(URL, data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert message in errors(response)
    assert User.objects.count() == before and not AccountBatch.objects.exists()


def test_pasted_names_and_a_file_together_are_refused(client, staff):
    data = {"names": "เอ", "key": uuid.uuid4(), "file": SimpleUploadedFile("c.csv", b"display_name\nB\n")}
    assert client.post(URL, data).status_code == 400
    assert not AccountBatch.objects.exists()


@pytest.mark.parametrize(("who", "status_code"), [("trainer", 403), ("national", 403), ("learner_a", 302)])
def test_only_centre_staff_create_class_accounts(client, world, who, status_code):
    client.force_login(world[who])
    before = User.objects.count()
    response = client.post(URL, {"names": "เอ", "key": uuid.uuid4()})
    assert response.status_code == status_code
    if status_code == 302:  # a learner has no admin access: Wagtail sends them to sign in
        assert response["Location"] == f"/admin/login/?next={URL}"
    else:
        with translation.override("th"):
            message = translation.gettext("Only centre staff create accounts for the learners of their centre.")
        assert message in response.content.decode()
    assert User.objects.count() == before
    assert client.get(URL).status_code == status_code


def test_anonymous_visitors_are_sent_to_sign_in(client, world):
    response = client.post(URL, {"names": "เอ", "key": uuid.uuid4()})
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not User.objects.filter(display_name="เอ").exists()


def test_staff_cannot_create_accounts_at_another_centre_nor_read_its_sheet(client, world):
    client.force_login(world["superuser"])
    key = uuid.uuid4()
    paste(client, "บี\n", key=key, centre="CDC-B")
    client.force_login(world["staff_a"])
    assert client.post(URL, {"names": "เอ", "key": uuid.uuid4(), "centre": "CDC-B"}).status_code == 403
    assert not User.objects.filter(display_name="เอ").exists()
    assert client.get(f"{SHEET_PREFIX}{key}/").status_code == 404
    assert client.get(f"{SHEET_PREFIX}{uuid.uuid4()}/").status_code == 404


def test_the_menu_offers_class_accounts_to_centre_staff_only(client, world):
    client.force_login(world["staff_a"])
    assert URL in client.get("/admin/").content.decode()
    client.force_login(grant_admin_access(world["national"]))
    home = client.get("/admin/")
    assert home.status_code == 200 and "/admin/centre-reports/" in home.content.decode()
    assert URL not in home.content.decode()


@pytest.fixture
def queued(settings, monkeypatch):
    """The real database queue instead of the tests' inline one: the accounts wait for a worker. The worker
    runs in the test's transaction, so it must not recycle the connection (it would close it on PostgreSQL)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)


def run_worker():
    from django.core.management import call_command

    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", "--no-reload", verbosity=0)


def test_the_form_answers_at_once_and_the_sheet_shows_progress_until_the_worker_made_the_accounts(
    client, staff, queued
):
    from django_tasks_db.models import DBTaskResult

    names = "บุษบา ทองดี\nจำปี ศรีสุข,champee\nแก้ว ใสสะอาด\t0812345670\n"
    key = uuid.uuid4()
    response = client.post(URL, {"names": names, "key": key})
    assert response.status_code == 302 and response["Location"] == f"{SHEET_PREFIX}{key}/"
    assert not User.objects.filter(display_name__in=["บุษบา ทองดี", "จำปี ศรีสุข", "แก้ว ใสสะอาด"]).exists()
    batch = AccountBatch.objects.get(key=key)
    assert (batch.status, batch.done, batch.count) == (AccountBatch.Status.PENDING, 0, 3)

    waiting = client.get(response["Location"])
    html = waiting.content.decode()
    assert waiting.status_code == 200 and waiting["Refresh"] == "2" and "no-store" in waiting["Cache-Control"]
    assert "รอเริ่มงาน" in html and "รหัสผ่านแรกเข้าพร้อมแล้ว 0 จาก 3 คน" in html and "<progress" in html
    assert sheet_passwords(html) == []
    # A double click while it waits goes to the same page and queues nothing more.
    assert client.post(URL, {"names": names, "key": key})["Location"] == response["Location"]
    assert AccountBatch.objects.filter(key=key).count() == 1
    assert DBTaskResult.objects.filter(task_path__endswith="create_class_accounts").count() == 1

    run_worker()
    batch.refresh_from_db()
    assert (batch.status, batch.done) == (AccountBatch.Status.DONE, 3)
    ready = client.get(response["Location"])
    assert ready.status_code == 200 and "Refresh" not in ready
    created = User.objects.filter(display_name__in=["บุษบา ทองดี", "จำปี ศรีสุข", "แก้ว ใสสะอาด"]).order_by("pk")
    passwords = sheet_passwords(ready.content.decode())
    assert [user.check_password(password) for user, password in zip(created, passwords, strict=True)] == [True] * 3
    assert [user.home_centre for user in created] == [staff["centre_a"]] * 3


def test_a_username_taken_before_the_worker_ran_creates_nothing_and_the_form_may_be_sent_again(client, staff, queued):
    key = uuid.uuid4()
    client.post(URL, {"names": "ลำดวน หอมกลิ่น\nพิกุล ใบเขียว,pikul\n", "key": key})
    User.objects.create(username="pikul", display_name="คนอื่น")  # someone registers it meanwhile
    run_worker()
    batch = AccountBatch.objects.get(key=key)
    assert batch.status == AccountBatch.Status.FAILED and batch.sheet == ""
    assert not User.objects.filter(display_name__in=["ลำดวน หอมกลิ่น", "พิกุล ใบเขียว"]).exists()
    page = client.get(f"{SHEET_PREFIX}{key}/")
    assert "ยังไม่ได้สร้างบัญชีใดเลย" in page.content.decode() and "Refresh" not in page

    # The same form sent again is checked afresh: the taken username is named, then a corrected list goes.
    again = client.post(URL, {"names": "ลำดวน หอมกลิ่น\nพิกุล ใบเขียว,pikul\n", "key": key})
    assert again.status_code == 400 and "pikul" in again.content.decode()
    fixed = client.post(URL, {"names": "ลำดวน หอมกลิ่น\nพิกุล ใบเขียว,pikul2\n", "key": key})
    assert fixed.status_code == 302
    run_worker()
    assert AccountBatch.objects.get(key=key).status == AccountBatch.Status.DONE
    assert User.objects.filter(display_name__in=["ลำดวน หอมกลิ่น", "พิกุล ใบเขียว"]).count() == 2


def test_a_batch_left_running_by_a_dead_worker_is_made_once_when_run_again(client, staff, queued):
    from reports import class_import

    key = uuid.uuid4()
    client.post(URL, {"names": "ชบา แดงสด\nราตรี หอมไกล\n", "key": key})
    AccountBatch.objects.filter(key=key).update(status=AccountBatch.Status.RUNNING, done=1)
    batch = class_import.run(AccountBatch.objects.get(key=key))
    assert (batch.status, batch.done) == (AccountBatch.Status.DONE, 2)
    assert class_import.run(batch).done == 2  # finished: left alone
    assert User.objects.filter(display_name__in=["ชบา แดงสด", "ราตรี หอมไกล"]).count() == 2


def test_first_passwords_are_hashed_with_the_projects_argon2_each_to_its_own_account(settings):
    from django.contrib.auth.hashers import check_password

    from reports import class_import

    settings.PASSWORD_HASHERS = ["lms.hashers.OwaspArgon2PasswordHasher"]
    passwords = [f"pw{n:02d}-test" for n in range(7)]
    reported = []
    hashes = class_import.hash_passwords(passwords, progress=reported.append)
    assert reported == [5, 7]
    assert all(h.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$") for h in hashes)
    assert [check_password(p, h) for p, h in zip(passwords, hashes, strict=True)] == [True] * 7
    assert not check_password(passwords[0], hashes[1])
