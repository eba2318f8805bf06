"""A class in real browsers: the trainer's projector screen (desktop), a learner on a 360×740 phone without
JavaScript joins by class code and checks in with the code on the screen, and the trainer's board (desktop,
htmx) shows them without a reload. The QR on the projector is decoded and must carry the same code."""

import io

import pytest
import zxingcpp
from django.test import Client
from django.utils import timezone
from PIL import Image

from classes import admin_views
from tests.classes.conftest import at, world  # noqa: F401 - the shared class fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def running_clock(monkeypatch):
    """Time runs normally but starts at ``start``: the session is open whatever the real hour is."""
    real_now = timezone.now

    def start(moment):
        offset = moment - real_now()
        monkeypatch.setattr(timezone, "now", lambda: real_now() + offset)

    return start


def cookie_for(user, url):
    client = Client()
    client.force_login(user, backend="learners.backends.UsernameOrMobileBackend")
    return {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": url}


def test_learner_joins_and_checks_in_and_the_board_shows_them(browser, live_server, world, running_clock, monkeypatch):  # noqa: F811
    monkeypatch.setattr(admin_views, "BOARD_REFRESH_SECONDS", 2)
    running_clock(at(world["today"], 13, 12))
    url = live_server.url
    klass, session, learner = world["klass"], world["session"], world["outsider"]

    trainer = browser.new_context(viewport={"width": 1280, "height": 900}, extra_http_headers={"Accept-Language": "th"})
    trainer.add_cookies([cookie_for(world["trainer"], url)])
    projector = trainer.new_page()
    projector.goto(f"{url}/admin/classes/sessions/{session.pk}/check-in/")
    code = projector.get_by_test_id("checkin-code").inner_text().replace(" ", "")
    assert len(code) == 6 and code.isdigit()
    qr = Image.open(io.BytesIO(projector.locator(".classes-qr").screenshot()))
    decoded = [result.text for result in zxingcpp.read_barcodes(qr)]
    assert decoded and decoded[0].endswith(f"/th/classes/check-in/?code={code}")

    board = trainer.new_page()
    board.goto(f"{url}/admin/classes/{klass.pk}/board/")
    board.evaluate("window.notReloaded = true")
    assert "บุญมี นอกชั้น" not in board.locator("#class-board").inner_text()

    phone = browser.new_context(
        viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True, java_script_enabled=False
    )
    phone.add_cookies([cookie_for(learner, url)])
    page = phone.new_page()
    page.goto(f"{url}/th/classes/join/")
    page.get_by_label("รหัสชั้นเรียน").fill(klass.join_code.lower())
    page.get_by_role("button", name="เข้าร่วมชั้นเรียน").click()
    assert page.url.endswith("/th/classes/")
    assert klass.name in page.locator("main").inner_text()
    page.get_by_role("link", name="เช็กอิน").first.click()
    page.get_by_label("รหัสเช็กอินบนจอ").fill(f"{code[:3]} {code[3:]}")
    page.get_by_role("button", name="เช็กอิน").click()
    assert "เช็กอินเรียบร้อยแล้ว" in page.locator("main").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    button = page.get_by_role("link", name="ชั้นเรียนของฉัน").bounding_box()
    assert button["height"] >= 44

    row = board.locator("[data-testid=board-row]", has_text="บุญมี นอกชั้น")
    row.wait_for(timeout=15_000)
    board.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=board-row]')]"
        ".some(r => r.textContent.includes('บุญมี นอกชั้น') && r.textContent.includes('✓'))",
        timeout=15_000,
    )
    assert board.evaluate("window.notReloaded") is True
    assert "เช็กอินแล้ว 1 จาก 3 คน" in board.get_by_test_id("board-summary").inner_text()
    projector.wait_for_function(
        "() => document.querySelector('.classes-present').textContent.includes('1')", timeout=15_000
    )
    phone.close()
    trainer.close()
