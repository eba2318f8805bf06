"""Downloads: Thai text that Excel opens correctly, no formula injection, streaming CSV."""

import csv
import io

import pytest
from django.http import StreamingHttpResponse
from openpyxl import load_workbook

from lms.spreadsheets import neutralise
from tests.factories import UserFactory, aware, enrol, progress

BASE = "/admin/centre-reports/export/"
NASTY = ['=HYPERLINK("http://evil")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]


@pytest.mark.parametrize("value", NASTY)
def test_formula_like_text_gets_a_leading_apostrophe(value):
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["สมชาย", "0812345678", "a=b", 5, -3, None])
def test_ordinary_values_are_left_alone(value):
    assert neutralise(value) == value


@pytest.fixture
def nasty_learners(world):
    for n, name in enumerate(NASTY):
        UserFactory(username=f"nasty{n}", display_name=name, home_centre=world["centre_a"])
    enrol(world["learner_a"], world["selling"], aware(2026, 3, 5), aware(2026, 4, 10))
    progress(world["learner_a"], world["selling"], world["selling_lessons"][:2], aware(2026, 3, 6))
    return world


def _csv(response):
    assert isinstance(response, StreamingHttpResponse)
    raw = b"".join(response.streaming_content)
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 byte order mark: Excel reads Thai correctly
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def test_learner_csv_is_utf8_with_bom_thai_and_neutralised(client, nasty_learners):
    client.force_login(nasty_learners["staff_a"])
    response = client.get(BASE + "learners.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = _csv(response)
    names = {row[0] for row in rows[1:]}
    assert "สมชาย ใจดี" in names
    assert {"'" + value for value in NASTY} <= names
    somchai = next(row for row in rows if row[1] == "somchai")
    header = rows[0]
    selling_columns = [i for i, h in enumerate(header) if "ขายของออนไลน์" in h]
    assert somchai[selling_columns[0]] == "2"
    assert somchai[selling_columns[1]] == "10 เมษายน 2569"  # Thai date, Buddhist era


def test_learner_xlsx_opens_with_thai_text_and_no_formulas(client, nasty_learners):
    client.force_login(nasty_learners["staff_a"])
    response = client.get(BASE + "learners.xlsx")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [cell for cell in cells if cell.data_type == "f"]
    values = {cell.value for cell in cells}
    assert "สมชาย ใจดี" in values
    assert {"'" + value for value in NASTY if value[0] not in "\t\r"} <= values


@pytest.mark.parametrize("report", ["summary", "courses", "monthly", "provinces", "centres"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_every_report_exports_in_both_formats(client, nasty_learners, report, fmt):
    client.force_login(nasty_learners["national"])
    response = client.get(BASE + f"{report}.{fmt}", {"month_from": "2026-03", "month_to": "2026-04"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    if fmt == "csv":
        text = body.decode("utf-8-sig")
        assert len(text.splitlines()) >= 2
    else:
        sheet = load_workbook(io.BytesIO(body)).active
        assert sheet.max_row >= 2


def test_courses_csv_holds_the_figures(client, nasty_learners):
    client.force_login(nasty_learners["staff_a"])
    rows = _csv(client.get(BASE + "courses.csv", {"month_from": "2026-03", "month_to": "2026-04"}))
    selling = next(row for row in rows if row[0] == "ขายของออนไลน์")
    assert selling[1:4] == ["1", "1", "100.0"]


def test_unknown_report_or_format_is_404(client, world):
    client.force_login(world["national"])
    assert client.get(BASE + "secrets.csv").status_code == 404
    assert client.get(BASE + "summary.pdf").status_code == 404


def test_export_with_a_bad_filter_is_a_400_with_the_reason(client, world):
    client.force_login(world["national"])
    response = client.get(BASE + "summary.csv", {"month_from": "31/12/2026"})
    assert response.status_code == 400
    assert "2026-01" in response.content.decode()
