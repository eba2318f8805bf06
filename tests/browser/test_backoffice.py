"""The Thai back office with an English browser: a trainer translates a course and submits it for review,
centre staff approve it and it goes live under /en/; the screens they use show no English or odd Thai."""

import re

import pytest
from django.contrib.auth.models import Group

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "trainer-pass-2569"
# Names that read the same in Thai admin text, file formats, and the Wagtail brand.
ALLOWED = {
    "Wagtail",
    "LINE",
    "Shopee",
    "Lazada",
    "Facebook",
    "PDF",
    "PO",
    "Open",
    "Badge",
    "URL",
    "ID",
    "QR",
    "CSV",
    "XLSX",
    "Excel",
    "UTF",
    "Enter",  # the key, as printed on the keyboard
    "JSON",
    "PDPA",
    # The image formats and size limit under the upload field.
    "AVIF",
    "GIF",
    "JPG",
    "JPEG",
    "PNG",
    "WEBP",
    "MB",
}
# Wagtail's odd Thai from issue #13 ("Delete", "Save", "Title", "Type", "Snippets", "Pages").
ODD_THAI = [
    "ลบ,ลบทิ้ง",
    "เซฟ,เก็บข้อมูล",
    "หัวเรื่อง,หัวข้อ",
    "หัวข้อ,หัวเรื่อง",
    "แบบ,รูปแบบ",
    "เกร็ดเล็กเกร็ดน้อย",
    "หลายหน้า",
    "หลายๆหน้า",
    "ที่ผ่านมา",
]
VISIBLE_TEXT = r"""() => {
  const out = [];
  const shown = (el) => el && el.checkVisibility({checkVisibilityCSS: true});
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    if (!el || ['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT'].includes(el.tagName) || !shown(el)) continue;
    if (el.closest('[data-content]')) continue;
    out.push(walker.currentNode.textContent.trim());
  }
  document.querySelectorAll('[aria-label],[placeholder]').forEach((el) => {
    if (shown(el)) ['aria-label', 'placeholder'].forEach((a) => el.getAttribute(a) && out.push(el.getAttribute(a)));
  });
  return out.filter(Boolean);
}"""


@pytest.fixture
def people(site):
    from tests.factories import UserFactory, make_course

    course, _lessons = make_course(site["catalog"], slug="pricing", lessons=1, title="ตั้งราคาขายของ")
    trainer = UserFactory(username="kru-somchai", display_name="ครูสมชาย")
    trainer.set_password(PASSWORD)
    trainer.save()
    trainer.groups.add(Group.objects.get(name="Trainers"))
    staff = UserFactory(username="jao-nathee", display_name="เจ้าหน้าที่สมศรี")
    staff.set_password(PASSWORD)
    staff.save()
    staff.groups.add(Group.objects.get(name="Centre staff"))
    return {"course": course, "trainer": trainer, "staff": staff}


def sign_in(browser, live_server, username):
    """A fresh context with an English browser (as on an English Windows PC), signed in to the admin."""
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + "/admin/login/")
    assert page.locator("html").get_attribute("lang") == "th"
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(live_server.url + "/admin/")
    return page


def english_and_odd(page, content=()):
    """Visible admin text (and labels) with English words or Wagtail's odd Thai, minus page content."""
    found = set()
    for text in page.evaluate(VISIBLE_TEXT):
        for name in content:
            text = text.replace(name, "")
        words = set(re.findall(r"[A-Za-z]{2,}", text)) - ALLOWED
        if words or any(odd in text for odd in ODD_THAI):
            found.add(text[:100])
    return found


def fill_every_string(page, translations):
    """Press "แปล" (Translate) on each untranslated part and save an English text."""
    for _ in range(30):
        button = page.get_by_role("button", name="แปล", exact=True)
        if button.count() == 0:
            return
        button.first.click()
        area = page.locator(".js-translation-editor textarea").first
        source = area.evaluate("el => el.closest('li').innerText")
        text = next((english for thai, english in translations.items() if thai in source), "English text")
        area.fill(text)
        page.get_by_role("button", name="บันทึก", exact=True).first.click()
        page.wait_for_timeout(300)
    raise AssertionError("the translation editor kept asking for more strings")


def test_trainer_translates_a_course_submits_it_and_staff_approve_it_in_thai(browser, live_server, people):
    from wagtail.models import Page, WorkflowState

    course = people["course"]
    english_words = {"ตั้งราคาขายของ": "Pricing what you sell", "สรุป": "How to set a fair price"}
    names = {"kru-somchai", "jao-nathee", *english_words.values()}
    leftovers = {}

    trainer = sign_in(browser, live_server, "kru-somchai")
    leftovers["dashboard"] = english_and_odd(trainer, content=names)
    trainer.goto(f"{live_server.url}/admin/pages/{course.get_parent().pk}/")
    leftovers["listing"] = english_and_odd(trainer, content=names)
    trainer.goto(f"{live_server.url}/admin/pages/{course.pk}/edit/")
    leftovers["page editor"] = english_and_odd(trainer, content=names)

    trainer.goto(f"{live_server.url}/admin/localize/submit/page/{course.pk}/")
    leftovers["translate form"] = english_and_odd(trainer, content=names)
    trainer.locator("input[name=locales]").first.check()
    trainer.locator("main input[type=submit]").click()
    trainer.wait_for_selector(".js-translation-editor section")
    leftovers["translation editor"] = english_and_odd(trainer, content=names)
    for forbidden in ("ดาวน์โหลดไฟล์ PO", "อัปโหลดไฟล์ PO", "หยุดเชื่อม", "เปลี่ยนเป็นหน้าเงา", "เผยแพร่ฉบับ"):
        assert trainer.get_by_text(forbidden).count() == 0 or not trainer.get_by_text(forbidden).first.is_visible()

    fill_every_string(trainer, english_words)
    trainer.get_by_role("button", name="ส่งให้ตรวจ").click()
    trainer.wait_for_load_state()
    assert trainer.get_by_text("ให้เจ้าหน้าที่ศูนย์ตรวจแล้ว").count() >= 1
    leftovers["after submitting"] = english_and_odd(trainer, content=names)

    english = Page.objects.get(translation_key=course.translation_key, locale__language_code="en").specific
    assert not english.live
    state = WorkflowState.objects.get(object_id=str(english.pk), base_content_type__model="page")
    assert state.status == WorkflowState.STATUS_IN_PROGRESS and state.requested_by == people["trainer"]
    assert english.get_latest_revision_as_object().title == "Pricing what you sell"

    staff = sign_in(browser, live_server, "jao-nathee")
    assert staff.get_by_text("รอคุณตรวจ").count() == 1
    leftovers["staff dashboard"] = english_and_odd(staff, content=names)
    row = staff.locator("tr", has_text="Pricing what you sell")
    row.get_by_role("button", name="การดำเนินการ").click()
    leftovers["workflow actions"] = english_and_odd(staff, content=names)
    approve = row.get_by_role("button", name="อนุมัติ", exact=True).or_(row.get_by_role("link", name="อนุมัติ", exact=True))
    approve.first.click()
    staff.wait_for_load_state("networkidle")
    english.refresh_from_db()
    assert english.live and english.title == "Pricing what you sell"
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED

    reader = staff.context.new_page()
    reader.goto(live_server.url + english.url)
    assert reader.locator("h1").inner_text() == "Pricing what you sell"
    assert "/en/" in reader.url

    trainer.context.close()
    staff.context.close()
    leftovers = {screen: sorted(found) for screen, found in leftovers.items() if found}
    assert leftovers == {}, "\n".join(f"{screen}: {found}" for screen, found in leftovers.items())
