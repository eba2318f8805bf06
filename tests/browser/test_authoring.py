"""A volunteer trainer writes a lesson from the course in the Thai admin (English browser) and submits it for
review, centre staff approve it and it goes live before the quiz; the trainer then translates it into English
and submits that too, and it goes live before the English course's quiz. Every click and filled field is
counted: authoring must take at most 15."""

import pytest
from django.contrib.auth.models import Group

from tests.browser.test_backoffice import PASSWORD, english_and_odd, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


class Counted:
    """What a person does in the browser, counted: each click is one action, each field filled is one."""

    def __init__(self, page):
        self.page = page
        self.clicks = 0
        self.fields = 0

    @property
    def actions(self):
        return self.clicks + self.fields

    def click(self, locator):
        locator.click()
        self.clicks += 1

    def fill(self, locator, text):
        locator.fill(text)
        self.fields += 1

    def type_into(self, locator, text):
        """A rich-text field: click into it and type (one field)."""
        locator.click()
        self.page.keyboard.type(text)
        self.fields += 1

    def choose_file(self, locator, path):
        locator.set_input_files(path)
        self.fields += 1


@pytest.fixture
def course_with_quiz(site):
    from wagtail.models import Locale
    from wagtail_localize.operations import TranslationCreator, translate_page_subtree

    from tests.factories import UserFactory, make_course, make_quiz

    course, lessons = make_course(site["catalog"], slug="online-shop", lessons=2, title="เปิดร้านออนไลน์")
    quiz = make_quiz(course, title="แบบทดสอบท้ายหลักสูตร")
    people = {}
    for username, group in (("kru-somchai", "Trainers"), ("jao-nathee", "Centre staff")):
        user = UserFactory(username=username, display_name=username)
        user.set_password(PASSWORD)
        user.save()
        user.groups.add(Group.objects.get(name=group))
        people[username] = user
    # The course, its lessons and its quiz are already in English (live), so a new lesson can be translated on
    # its own.
    english = Locale.objects.get(language_code="en")
    TranslationCreator(people["jao-nathee"], [english]).create_translations(course)
    translate_page_subtree(course.pk, [english], None, people["jao-nathee"])
    titles = {"เปิดร้านออนไลน์": "Open an online shop", "แบบทดสอบท้ายหลักสูตร": "Final quiz"}
    english_course = course.get_translation(english)
    for page in [english_course, *english_course.get_children().specific().order_by("path")]:
        page.title = titles.get(page.title, page.title.replace("บทเรียนที่", "Lesson"))
        page.save_revision().publish()
    return {"course": course, "english_course": english_course, "lessons": lessons, "quiz": quiz, **people}


@pytest.fixture
def picture(tmp_path):
    from PIL import Image

    path = tmp_path / "shop-front.png"
    Image.new("RGB", (320, 200), (40, 120, 90)).save(path)
    return path


def approve(staff, title):
    """Centre staff approve the change waiting for them on the dashboard."""
    staff.goto(staff.url.split("/admin/")[0] + "/admin/")
    row = staff.locator("tr", has_text=title)
    row.get_by_role("button", name="การดำเนินการ").click()
    approve = row.get_by_role("button", name="อนุมัติ", exact=True).or_(row.get_by_role("link", name="อนุมัติ", exact=True))
    approve.first.click()
    staff.wait_for_load_state("networkidle")


def test_trainer_writes_a_lesson_in_15_actions_and_translates_it(browser, live_server, course_with_quiz, picture):
    from wagtail.models import Page, WorkflowState

    from lessons.models import LessonPage

    course = course_with_quiz["course"]
    # Names, and "Enter" as printed on the key (the drag column's keyboard hint).
    names = {"kru-somchai", "jao-nathee", "shop-front", "Enter"}
    trainer = sign_in(browser, live_server, "kru-somchai")
    trainer.goto(f"{live_server.url}/admin/pages/{course.pk}/")

    # The course lists its lessons in course order, the quiz last, ready to drag.
    rows = trainer.locator("main tbody tr").all_inner_texts()
    assert [next(t for t in ("บทเรียนที่ 1", "บทเรียนที่ 2", "แบบทดสอบ") if t in row) for row in rows] == [
        "บทเรียนที่ 1",
        "บทเรียนที่ 2",
        "แบบทดสอบ",
    ]
    assert trainer.locator("main [data-w-orderable-target='handle']").count() == 3
    leftovers = {"course listing": english_and_odd(trainer, content=names)}

    me = Counted(trainer)
    me.click(trainer.get_by_role("link", name="เพิ่มบทเรียน", exact=True).first)
    trainer.wait_for_selector("#id_title")
    assert trainer.get_by_role("button", name="ส่งให้เจ้าหน้าที่ศูนย์ตรวจ").first.is_visible()
    leftovers["lesson editor"] = english_and_odd(trainer, content=names)
    # The one-page guide is there, folded; opened (reading it is not counted), its pictures load.
    guide = trainer.locator(".w-panel:has(.lesson-guide)")
    assert guide.get_by_text("วิธีเขียนบทเรียน").first.is_visible() and not guide.locator(".lesson-guide").is_visible()
    guide.locator("[data-panel-toggle]").first.click()
    pictures = guide.locator(".lesson-guide img")
    pictures.last.scroll_into_view_if_needed()
    assert pictures.count() == 5
    assert trainer.evaluate("[...document.querySelectorAll('.lesson-guide img')].every(i => i.naturalWidth > 0)")
    leftovers["lesson guide"] = english_and_odd(trainer, content=names)
    guide.locator("[data-panel-toggle]").first.click()

    me.fill(trainer.locator("#id_title"), "ถ่ายรูปหน้าร้าน")
    me.fill(trainer.locator("[name='body-0-value']"), "ถ่ายรูปให้คนอยากเข้าร้าน")
    paragraph = trainer.locator("[data-streamfield-widget]:has(> #body-1-value) [role=textbox]")
    me.type_into(paragraph, "รูปหน้าร้านที่ชัดช่วยให้ลูกค้าหาร้านเจอ")
    me.fill(trainer.locator("[name='body-2-value-steps-0-value-title']"), "เช็ดเลนส์กล้องมือถือ")
    me.fill(trainer.locator("[name='body-2-value-steps-1-value-title']"), "ถ่ายตอนกลางวันให้เห็นป้ายร้าน")
    me.click(trainer.locator("#body-3-value-image-chooser [data-chooser-action-choose]"))
    me.click(trainer.locator(".modal-dialog #tab-label-upload"))
    me.choose_file(trainer.locator(".modal-dialog input[type=file]"), picture)
    # Wagtail fills the picture's title in from the file name, as a person sees before pressing upload.
    trainer.wait_for_function("document.querySelector('.modal-dialog input[name$=title]').value !== ''")
    me.click(trainer.locator(".modal-dialog form[data-chooser-modal-creation-form] button[type=submit]"))
    trainer.wait_for_function("document.querySelector('#body-3-value-image').value !== ''")
    me.fill(trainer.locator("[name='body-3-value-alt']"), "หน้าร้านขายผักมีป้ายชื่อร้านสีเขียว")
    me.click(trainer.get_by_role("button", name="ส่งให้เจ้าหน้าที่ศูนย์ตรวจ").first)
    trainer.wait_for_load_state("networkidle")
    authoring_actions = me.actions
    print(f"\nAuthoring one lesson (4 blocks, 2 steps, 1 picture): {me.clicks} clicks + {me.fields} fields")

    lesson = LessonPage.objects.get(title="ถ่ายรูปหน้าร้าน")
    assert not lesson.live
    state = WorkflowState.objects.get(object_id=str(lesson.pk), base_content_type__model="page")
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    draft = lesson.get_latest_revision_as_object()
    assert [block.block_type for block in draft.body] == ["heading", "paragraph", "steps", "image"]
    assert draft.body[3].value["image"] is not None
    titles = [page.title for page in course.get_children().order_by("path")]
    assert titles == ["บทเรียนที่ 1", "บทเรียนที่ 2", "ถ่ายรูปหน้าร้าน", "แบบทดสอบท้ายหลักสูตร"]

    staff = sign_in(browser, live_server, "jao-nathee")
    approve(staff, "ถ่ายรูปหน้าร้าน")
    lesson.refresh_from_db()
    assert lesson.live
    reader = staff.context.new_page()
    reader.goto(live_server.url + course.url)
    outline = reader.locator("main").inner_text()
    assert outline.index("บทเรียนที่ 2") < outline.index("ถ่ายรูปหน้าร้าน") < outline.index("แบบทดสอบท้ายหลักสูตร")

    # Translating the lesson into English, from the course listing, counted the same way.
    trainer.goto(f"{live_server.url}/admin/pages/{course.pk}/")
    me = Counted(trainer)
    row = trainer.locator("main tbody tr", has_text="ถ่ายรูปหน้าร้าน")
    me.click(row.get_by_role("link", name="แปลเป็นภาษาอังกฤษ", exact=True))
    trainer.wait_for_selector("input[name=locales]")
    assert trainer.locator("input[name=locales]").first.is_checked()  # English is chosen already
    me.click(trainer.locator("main input[type=submit]"))
    trainer.wait_for_selector(".js-translation-editor section")
    english = {
        "ถ่ายรูปหน้าร้าน": "Photograph your shop front",
        "ถ่ายรูปให้คนอยากเข้าร้าน": "Take a photo that invites people in",
        "รูปหน้าร้านที่ชัด": "A clear photo helps customers find your shop",
        "เช็ดเลนส์": "Wipe the phone's camera lens",
        "ถ่ายตอนกลางวัน": "Shoot in daylight with the shop sign showing",
        "หน้าร้านขายผัก": "A vegetable shop front with a green sign",
    }
    for _ in range(20):
        button = trainer.get_by_role("button", name="แปล", exact=True)
        if button.count() == 0:
            break
        me.click(button.first)
        area = trainer.locator(".js-translation-editor textarea").first
        source = area.evaluate("el => el.closest('li').innerText")
        me.fill(area, next((text for thai, text in english.items() if thai in source), "English text"))
        me.click(trainer.get_by_role("button", name="บันทึก", exact=True).first)
        trainer.wait_for_timeout(300)
    me.click(trainer.get_by_role("button", name="ส่งให้ตรวจ"))
    trainer.wait_for_load_state()
    print(f"Translating that lesson into English: {me.clicks} clicks + {me.fields} fields = {me.actions} actions")

    translated = Page.objects.get(translation_key=lesson.translation_key, locale__language_code="en").specific
    assert not translated.live
    approve(staff, "Photograph your shop front")
    translated.refresh_from_db()
    assert translated.live and translated.title == "Photograph your shop front"
    reader.goto(live_server.url + translated.url)
    assert reader.locator("h1").inner_text() == "Photograph your shop front"
    # The English course lists it where the Thai course has it: after the other lessons, before the quiz.
    reader.goto(live_server.url + course_with_quiz["english_course"].url)
    outline = reader.locator("main").inner_text()
    assert outline.index("Lesson 2") < outline.index("Photograph your shop front") < outline.index("Final quiz")

    trainer.context.close()
    staff.context.close()
    leftovers = {screen: sorted(found) for screen, found in leftovers.items() if found}
    assert leftovers == {}, "\n".join(f"{screen}: {found}" for screen, found in leftovers.items())
    assert authoring_actions <= 15, f"authoring took {authoring_actions} actions"
