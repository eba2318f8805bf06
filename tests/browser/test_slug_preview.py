"""While a trainer types a Thai title, the page address shown is the romanised slug the server saves
(``lms.slugs``), not Wagtail's preview that drops Thai vowel and tone marks."""

import pytest

from tests.browser.test_backoffice import people, sign_in  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "ตอบแชตลูกค้าให้ไว"
SLUG = "top-chaet-lukkha-hai-wai"  # royin, as lms.slugs makes it


def slug_is(page, value):
    page.wait_for_function("(value) => document.querySelector('#id_slug').value === value", arg=value, timeout=10_000)


def test_the_address_shown_while_typing_a_thai_title_is_the_one_saved(browser, live_server, people):  # noqa: F811
    from lessons.models import LessonPage
    from tests.factories import make_image

    make_image("chat.png")
    course = people["course"]
    trainer = sign_in(browser, live_server, "kru-somchai")
    trainer.goto(f"{live_server.url}/admin/pages/{course.pk}/")
    trainer.get_by_role("link", name="เพิ่มบทเรียน", exact=True).first.click()
    title = trainer.locator("#id_title")
    title.wait_for()
    title.press_sequentially(TITLE, delay=20)
    slug_is(trainer, SLUG)
    assert "ตอบแชต" not in trainer.locator("#id_slug").input_value()

    # The address follows the title while it is edited; once the trainer types an address, it is theirs.
    title.fill("ตอบแชตลูกค้า")
    slug_is(trainer, "top-chaet-lukkha")
    title.fill(TITLE)
    slug_is(trainer, SLUG)

    # What the trainer sees on the promote tab, where the address is.
    trainer.get_by_role("tab", name="โปรโมท").click()
    assert trainer.locator("#id_slug").is_visible() and trainer.locator("#id_slug").input_value() == SLUG
    trainer.get_by_role("tab", name="เนื้อหา").click()

    # The starter blocks' required parts, then submit: the page is saved with that address.
    trainer.locator("[name='body-0-value']").fill("ตอบให้ไว")
    paragraph = trainer.locator("[data-streamfield-widget]:has(> #body-1-value) [role=textbox]")
    paragraph.press_sequentially("ตอบภายใน 5 นาที")
    trainer.locator("[name='body-2-value-steps-0-value-title']").fill("ตั้งข้อความตอบกลับอัตโนมัติ")
    trainer.locator("[name='body-2-value-steps-1-value-title']").fill("ตอบคำถามที่พบบ่อย")
    trainer.locator("#body-3-value-image-chooser [data-chooser-action-choose]").click()
    trainer.locator(".modal-dialog a.image-choice").first.click()
    trainer.wait_for_function("document.querySelector('#body-3-value-image').value !== ''")
    trainer.locator("[name='body-3-value-alt']").fill("หน้าจอแชตร้านค้า")
    trainer.get_by_role("button", name="ส่งให้เจ้าหน้าที่ศูนย์ตรวจ").first.click()
    trainer.wait_for_load_state("networkidle")
    assert "ไม่ได้" not in trainer.locator("main").inner_text()[:300], trainer.locator("main").inner_text()[:300]
    lesson = LessonPage.objects.get(title=TITLE)
    assert lesson.slug == SLUG
    trainer.context.close()


def test_an_address_the_trainer_typed_is_left_alone(browser, live_server, people):  # noqa: F811
    course = people["course"]
    trainer = sign_in(browser, live_server, "kru-somchai")
    trainer.goto(f"{live_server.url}/admin/pages/{course.pk}/")
    trainer.get_by_role("link", name="เพิ่มบทเรียน", exact=True).first.click()
    title = trainer.locator("#id_title")
    title.press_sequentially("ตอบแชต", delay=20)
    slug_is(trainer, "top-chaet")
    trainer.get_by_role("tab", name="โปรโมท").click()
    trainer.locator("#id_slug").fill("chat-reply")
    trainer.get_by_role("tab", name="เนื้อหา").click()
    title.press_sequentially("ลูกค้า", delay=20)
    trainer.wait_for_timeout(800)
    assert trainer.locator("#id_slug").input_value() == "chat-reply"
    trainer.context.close()
