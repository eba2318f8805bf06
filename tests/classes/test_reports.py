"""Attendance in the reports: dashboard figures per class / centre / province, exports, the sign-in sheet PDF,
and the class CSV import putting new accounts straight into a class."""

import csv
import datetime
import io
import subprocess
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from classes import services
from classes.models import Attendance, Session
from reports import attendance
from reports.services import ReportFilter
from tests.factories import CentreFactory

from .conftest import at, learner


def pdf_text(data, tmp_path):
    path = tmp_path / "sheet.pdf"
    path.write_bytes(data)
    return subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def held(world):
    """Two sessions held at centre A this month (3 h and 2 h), one class at centre B (another province)."""
    session, today = world["session"], world["today"]
    services.record(session, world["somchai"], method=Attendance.Method.CODE, at=at(today, 13, 2))
    services.record(session, world["malee"], method=Attendance.Method.ROSTER, late=True, at=at(today, 13, 20))
    second = Session.objects.create(
        klass=world["klass"], date=today, start_time=datetime.time(17), end_time=datetime.time(19)
    )
    services.record(second, world["somchai"], method=Attendance.Method.CODE)
    other = services.create_class(
        centre=world["centre_b"], name="ชั้นเรียนขอนแก่น", courses=[], trainer=None, start_date=today, created_by=None
    )
    far = learner("far", world["centre_b"], "ไกล บ้านโนน")
    services.add_members(other, [far])
    far_session = Session.objects.create(
        klass=other, date=today, start_time=datetime.time(9), end_time=datetime.time(10)
    )
    services.record(far_session, far, method=Attendance.Method.CODE)
    return world


def month_filter(world, **kwargs):
    this_month = world["today"].replace(day=1)
    return ReportFilter(month_from=this_month, month_to=this_month, **kwargs)


def test_figures_per_class_centre_and_province(held):
    by_centre = attendance.figures(month_filter(held, centre=held["centre_a"]))
    assert by_centre["total"] == {"sessions": 2, "learners": 2, "hours": 8.0}  # 3 h × 2 learners + 2 h × 1
    assert by_centre["group"] == "class"
    assert [(row["name"], row["sessions"], row["learners"]) for row in by_centre["rows"]] == [
        ("ขายของออนไลน์ รุ่น 1", 2, 2)
    ]
    assert by_centre["months"][-1]["sessions"] == 2
    by_province = attendance.figures(month_filter(held, province="ขอนแก่น"))
    assert by_province["total"]["learners"] == 1 and by_province["rows"][0]["name"] == "ศูนย์ดิจิทัลชุมชนบ้านโนน"
    national = attendance.figures(month_filter(held))
    assert national["total"] == {"sessions": 3, "learners": 3, "hours": 9.0}
    assert sorted(row["name"] for row in national["rows"]) == ["ขอนแก่น", "เชียงใหม่"]


def test_dashboards_show_attendance_to_staff_and_national_staff(client, held):
    client.force_login(held["staff_a"])
    page = client.get("/admin/centre-reports/").content.decode()
    assert "การเข้าเรียน" in page and "ขายของออนไลน์ รุ่น 1" in page and "ชั้นเรียนขอนแก่น" not in page
    client.force_login(held["national"])
    page = client.get("/admin/centre-reports/").content.decode()
    assert "ขอนแก่น" in page and "เชียงใหม่" in page


def test_attendance_export_neutralises_formulas(client, held):
    held["klass"].name = '=HYPERLINK("http://evil")'
    held["klass"].save()
    client.force_login(held["staff_a"])
    response = client.get("/admin/centre-reports/export/attendance.csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert ['\'=HYPERLINK("http://evil")', "2", "2", "8.0"] in rows
    xlsx = client.get("/admin/centre-reports/export/attendance.xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    assert '\'=HYPERLINK("http://evil")' in [row[0] for row in sheet.iter_rows(values_only=True)]


def test_sign_in_sheet_pdf_has_thai_names_be_date_and_signature_column(client, held, tmp_path):
    client.force_login(held["trainer"])
    response = client.get(f"/admin/centre-reports/attendance/session/{held['session'].pk}.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(b"".join([response.content]), tmp_path)
    year_be = held["today"].year + 543
    assert "สมชาย ใจดี" in text and "มาลี ศรีสุข" in text
    assert str(year_be) in text and "ลายมือชื่อ" in text
    assert "มาสาย" in text and "ขายของออนไลน์ รุ่น 1" in text
    assert "13:02" in text


def test_session_spreadsheet_lists_every_member(client, held):
    client.force_login(held["staff_a"])
    response = client.get(f"/admin/centre-reports/attendance/session/{held['session'].pk}.xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    names = [row[1] for row in rows[1:]]
    assert names == ["มาลี ศรีสุข", "สมชาย ใจดี"]


@pytest.mark.parametrize(
    "who,status", [("trainer", 200), ("staff_a", 200), ("other_trainer", 403), ("staff_b", 403), ("national", 403)]
)
def test_who_may_print_the_sign_in_sheet(client, held, who, status):
    client.force_login(held[who])
    for fmt in ("pdf", "csv"):
        response = client.get(f"/admin/centre-reports/attendance/session/{held['session'].pk}.{fmt}")
        assert response.status_code == status


def test_sign_in_sheet_for_anonymous_and_learners_goes_to_sign_in(client, held):
    url = f"/admin/centre-reports/attendance/session/{held['session'].pk}.pdf"
    assert client.get(url)["Location"].startswith("/admin/login/")
    client.force_login(held["somchai"])
    assert client.get(url)["Location"].startswith("/admin/login/")
    client.force_login(held["staff_a"])
    assert client.get("/admin/centre-reports/attendance/session/999999.pdf").status_code == 404
    assert client.get(f"/admin/centre-reports/attendance/session/{held['session'].pk}.exe").status_code == 404


def test_class_page_links_the_sheet_through_the_session_actions_hook(client, held):
    client.force_login(held["trainer"])
    page = client.get(f"/admin/classes/{held['klass'].pk}/").content.decode()
    assert f"/admin/centre-reports/attendance/session/{held['session'].pk}.pdf" in page


def test_class_import_creates_accounts_straight_into_a_class(client, world):
    client.force_login(world["staff_a"])
    upload = SimpleUploadedFile("class.csv", "display_name\nบุญมา ใหม่\nสมศรี ใหม่\n".encode(), "text/csv")
    response = client.post(
        "/admin/centre-reports/learners/class/",
        {"file": upload, "klass": world["klass"].pk, "key": uuid.uuid4()},
        follow=True,
    )
    assert response.status_code == 200 and "บุญมา ใหม่" in response.content.decode()
    names = set(world["klass"].memberships.values_list("user__display_name", flat=True))
    assert {"บุญมา ใหม่", "สมศรี ใหม่"} <= names


def test_class_import_refuses_a_class_of_another_centre(client, world):
    other = services.create_class(
        centre=CentreFactory(code="CDC-Z"),
        name="อื่น",
        courses=[],
        trainer=None,
        start_date=world["today"],
        created_by=None,
    )
    client.force_login(world["staff_a"])
    upload = SimpleUploadedFile("class.csv", "display_name\nบุญมา ใหม่\n".encode(), "text/csv")
    response = client.post(
        "/admin/centre-reports/learners/class/", {"file": upload, "klass": other.pk, "key": uuid.uuid4()}
    )
    assert response.status_code == 400
    assert not other.memberships.exists()
