"""The staff dashboard in a real browser: the server-rendered chart is drawn, and the class sheet prints clean."""

import pytest
from django.test import Client
from django.utils import timezone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def staff_session(live_server):

    from learners.models import Membership
    from lessons.demo import ensure_site
    from tests.factories import CentreFactory, MembershipFactory, UserFactory, add_course, enrol, grant_admin_access

    _home, catalog = ensure_site()
    centre = CentreFactory(code="CDC-BROWSER", name_th="ศูนย์ดิจิทัลชุมชนทดสอบเบราว์เซอร์")
    course, _lessons = add_course(catalog, "ขายของออนไลน์", "selling")
    now = timezone.now()
    for n in range(3):
        learner = UserFactory(username=f"browser{n}", display_name=f"ผู้เรียน {n}", home_centre=centre)
        enrol(learner, course, now, completed=now if n == 0 else None)
    staff = grant_admin_access(UserFactory(username="browser-staff", home_centre=centre))
    MembershipFactory(user=staff, centre=centre, role=Membership.Role.STAFF)
    client = Client()
    client.force_login(staff, backend="learners.backends.UsernameOrMobileBackend")
    return {"cookie": client.cookies["sessionid"].value, "url": live_server.url}


def _sign_in(page, session):
    """Signed in as centre staff, with a Thai browser (the admin follows Accept-Language)."""
    page.context.add_cookies([{"name": "sessionid", "value": session["cookie"], "url": session["url"]}])
    page.set_extra_http_headers({"Accept-Language": "th"})


def test_dashboard_chart_is_drawn_with_bars_at_desktop_size(desktop, staff_session):
    _sign_in(desktop, staff_session)
    desktop.goto(staff_session["url"] + "/admin/centre-reports/")
    assert "ศูนย์ดิจิทัลชุมชนทดสอบเบราว์เซอร์" in desktop.locator("main").inner_text()
    chart = desktop.locator("svg.reports-chart").first
    chart.wait_for(state="visible")
    box = chart.bounding_box()
    assert box["width"] > 300 and box["height"] > 100
    bars = chart.locator("rect.reports-chart__bar")
    assert bars.count() == 24  # 12 months x (enrolments, completions)
    heights = [bars.nth(i).bounding_box()["height"] for i in range(bars.count())]
    assert max(heights) > 20  # this month's three enrolments are drawn
    assert chart.locator("title").first.text_content() == "การลงทะเบียนเรียนและการเรียนจบรายเดือน"
    assert desktop.get_by_text("ลงทะเบียนเรียน", exact=False).first.is_visible()
    desktop.locator("details.reports-details summary").first.click()
    assert desktop.locator("details.reports-details table").first.is_visible()


def test_class_sheet_prints_without_the_admin_sidebar(desktop, staff_session, tmp_path):
    _sign_in(desktop, staff_session)
    desktop.goto(staff_session["url"] + "/admin/centre-reports/learners/class/")
    csv_file = tmp_path / "class.csv"
    csv_file.write_text("display_name,username_or_mobile\nบุญมี รักเรียน,boonmee.r\n", encoding="utf-8-sig")
    desktop.locator("input[type=file]").set_input_files(str(csv_file))
    desktop.get_by_role("button", name="ตรวจและสร้างบัญชี").click()
    desktop.locator(".reports-sheet__table").wait_for()
    assert "boonmee.r" in desktop.locator(".reports-sheet__table").inner_text()
    desktop.emulate_media(media="print")
    assert not desktop.locator("#wagtail-sidebar").is_visible()
    no_print = desktop.locator(".reports-no-print")
    assert no_print.count() == 2 and not any(no_print.nth(i).is_visible() for i in range(2))
    assert desktop.locator(".reports-sheet__table").is_visible()
