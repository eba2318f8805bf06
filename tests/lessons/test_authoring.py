"""Authoring from a course in the admin: "add a lesson", starter blocks, new lessons before the quiz, course
order, reordering, and "submit for review" as a trainer's main button."""

import re
from urllib.parse import quote

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Page, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from lessons.models import LessonPage
from tests.factories import UserFactory, make_course, make_quiz


@pytest.fixture
def course(site):
    course, _ = make_course(site["catalog"], slug="authoring", lessons=2)
    make_quiz(course, title="แบบทดสอบท้ายบท")
    return course


def member(username, group_name=None):
    user = UserFactory(username=username)
    if group_name:
        user.groups.add(Group.objects.get(name=group_name))
    return user


def children(course):
    return [page.title for page in Page.objects.child_of(course).order_by("path")]


def new_lesson_data(title, slug, action):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "intro": "",
            "minutes": 5,
            "body": streamfield([("paragraph", rich_text("<p>เนื้อหาใหม่</p>"))]),
            "comments": inline_formset([]),
            action: "1",
        }
    )


def test_course_listing_is_in_course_order_with_a_labelled_add_a_lesson_for_trainers(course, client):
    client.force_login(member("trainer-list", "Trainers"))
    html = client.get(reverse("wagtailadmin_explore", args=[course.pk])).content.decode()
    positions = [html.index(title) for title in ("บทเรียนที่ 1", "บทเรียนที่ 2", "แบบทดสอบท้ายบท")]
    assert positions == sorted(positions)
    add_url = reverse("wagtailadmin_pages:add", args=["lessons", "lessonpage", course.pk])
    assert re.search(rf'href="{re.escape(add_url)}"[^>]*>\s*(<svg.*?</svg>)?\s*เพิ่มบทเรียน', html, re.S)
    # The catalogue's listing offers the same on each course row.
    html = client.get(reverse("wagtailadmin_explore", args=[course.get_parent().pk])).content.decode()
    assert add_url in html and "เพิ่มบทเรียน" in html


def test_add_a_lesson_is_not_offered_to_people_who_cannot_add_pages(course, client):
    client.force_login(member("not-a-trainer"))
    add_url = reverse("wagtailadmin_pages:add", args=["lessons", "lessonpage", course.pk])
    response = client.get(add_url)
    assert response.status_code == 302 and response["Location"] == f"/admin/login/?next={quote(add_url)}"


def test_a_new_lesson_starts_with_blocks_and_lands_before_the_quiz(course, client):
    trainer = member("trainer-new", "Trainers")
    client.force_login(trainer)
    add_url = reverse("wagtailadmin_pages:add", args=["lessons", "lessonpage", course.pk])
    response = client.get(add_url)
    assert [block.block_type for block in response.context["page"].body] == ["heading", "paragraph", "steps", "image"]
    assert len(response.context["page"].body[2].value["steps"]) == 2

    response = client.post(add_url, new_lesson_data("บทเรียนใหม่ของครู", "new-lesson", "action-submit"))
    assert response.status_code == 302
    assert children(course) == ["บทเรียนที่ 1", "บทเรียนที่ 2", "บทเรียนใหม่ของครู", "แบบทดสอบท้ายบท"]
    lesson = LessonPage.objects.get(title="บทเรียนใหม่ของครู")
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(lesson.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS and state.requested_by == trainer


def test_the_first_lesson_of_a_course_with_only_a_quiz_goes_first(site, client):
    course, _ = make_course(site["catalog"], slug="quiz-only", lessons=0)
    make_quiz(course, title="แบบทดสอบเท่านั้น")
    client.force_login(member("staff-first", "Centre staff"))
    add_url = reverse("wagtailadmin_pages:add", args=["lessons", "lessonpage", course.pk])
    assert client.post(add_url, new_lesson_data("บทแรก", "first-lesson", "action-publish")).status_code == 302
    assert children(course) == ["บทแรก", "แบบทดสอบเท่านั้น"]
    assert LessonPage.objects.get(title="บทแรก").live


def test_trainers_who_edit_a_course_may_reorder_it_others_may_not(course, client):
    lessons = list(Page.objects.child_of(course).order_by("path"))
    move_url = reverse("wagtailadmin_pages:set_page_position", args=[lessons[1].pk]) + "?position=0"

    client.force_login(member("outsider"))
    response = client.post(move_url)
    assert response.status_code == 302 and response["Location"] == f"/admin/login/?next={quote(move_url)}"
    assert children(course)[0] == "บทเรียนที่ 1"

    client.force_login(member("trainer-order", "Trainers"))
    assert client.post(move_url).status_code == 200
    assert children(course) == ["บทเรียนที่ 2", "บทเรียนที่ 1", "แบบทดสอบท้ายบท"]
    # Only within courses: the catalogue's courses stay in the publishers' hands.
    assert not course.get_parent().permissions_for_user(member("trainer-cat", "Trainers")).can_reorder_children()


def test_submit_for_review_is_the_trainers_main_button_and_publish_stays_staffs(course, client):
    lesson = Page.objects.child_of(course).order_by("path").first()
    edit_url = reverse("wagtailadmin_pages:edit", args=[lesson.pk])
    add_url = reverse("wagtailadmin_pages:add", args=["lessons", "lessonpage", course.pk])
    client.force_login(member("trainer-menu", "Trainers"))
    for url in (edit_url, add_url):
        menu = client.get(url).context["action_menu"]
        assert menu.default_item.name == "action-submit"
        assert "action-submit" not in [item.name for item in menu.menu_items]
        html = menu.render_html()
        assert "ส่งให้เจ้าหน้าที่ศูนย์ตรวจ" in html and "Review" not in html
    client.force_login(member("staff-menu", "Centre staff"))
    assert client.get(edit_url).context["action_menu"].default_item.name != "action-submit"


def test_the_lesson_editor_has_the_thai_guide_with_pictures(course, client):
    lesson = Page.objects.child_of(course).order_by("path").first()
    client.force_login(member("trainer-guide", "Trainers"))
    html = client.get(reverse("wagtailadmin_pages:edit", args=[lesson.pk])).content.decode()
    assert "วิธีเขียนบทเรียน" in html and "วิธีทำทีละขั้นตอน" in html
    for picture in ("heading-text", "steps", "image", "callout", "checklist"):
        assert f"/static/lessons/guide/{picture}.svg" in html


def test_autosave_never_creates_a_lesson_so_a_button_press_cannot_make_two(course, client):
    client.force_login(member("trainer-autosave", "Trainers"))
    add_url = reverse("wagtailadmin_pages:add", args=["lessons", "lessonpage", course.pk])
    data = new_lesson_data("บทที่บันทึกอัตโนมัติ", "autosaved", "action-save")
    response = client.post(add_url, data, HTTP_ACCEPT="application/json")
    assert response.json()["success"] is False
    assert not LessonPage.objects.filter(title="บทที่บันทึกอัตโนมัติ").exists()
    assert client.post(add_url, data).status_code == 302
    assert LessonPage.objects.filter(title="บทที่บันทึกอัตโนมัติ").count() == 1


def translate(client, page, english, subtree=False):
    """A trainer's "translate this page" into English (wagtail-localize's form), as the admin posts it."""
    data = {"locales": [english.pk], **({"include_subtree": "on"} if subtree else {})}
    response = client.post(reverse("wagtail_localize:submit_page_translation", args=[page.pk]), data)
    assert response.status_code == 302
    return page.get_translation(english)


def same_order(course, english_course):
    """The translation keys of the Thai course's children and the English course's, in course order."""
    thai = [page.translation_key for page in Page.objects.child_of(course).order_by("path")]
    english = [page.translation_key for page in Page.objects.child_of(english_course).order_by("path")]
    return [key for key in thai if key in english] == english


def test_a_lesson_translated_on_its_own_lands_before_the_translated_quiz(course, client):
    from wagtail.models import Locale

    english = Locale.objects.get_or_create(language_code="en")[0]
    client.force_login(member("trainer-translate", "Trainers"))
    english_course = translate(client, course, english, subtree=True)
    assert children(english_course) == ["บทเรียนที่ 1", "บทเรียนที่ 2", "แบบทดสอบท้ายบท"]  # copies, still Thai

    add_url = reverse("wagtailadmin_pages:add", args=["lessons", "lessonpage", course.pk])
    assert client.post(add_url, new_lesson_data("บทเรียนใหม่", "new-one", "action-submit")).status_code == 302
    lesson = LessonPage.objects.get(title="บทเรียนใหม่", locale=course.locale)
    translated = translate(client, lesson, english)
    assert children(english_course) == ["บทเรียนที่ 1", "บทเรียนที่ 2", "บทเรียนใหม่", "แบบทดสอบท้ายบท"]
    assert same_order(course, english_course)
    # wagtail-localize saves the new page after it was moved: the tree stays sound and the page editable.
    assert all(not problems for problems in Page.find_problems())
    translated.refresh_from_db()
    assert translated.get_parent().pk == english_course.pk and translated.get_prev_sibling().title == "บทเรียนที่ 2"
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[translated.pk]))
    assert editor.status_code == 200
    assert "wagtail_localize/admin/edit_translation.html" in [t.name for t in editor.templates]


def test_a_course_translated_piece_by_piece_keeps_the_course_order(course, client):
    from wagtail.models import Locale

    english = Locale.objects.get_or_create(language_code="en")[0]
    client.force_login(member("staff-translate", "Centre staff"))
    english_course = translate(client, course, english)
    first, second, quiz = Page.objects.child_of(course).order_by("path")
    # The quiz first, then the second lesson, then the first: each lands in its course place.
    for page in (quiz, second, first):
        translate(client, page, english)
        assert same_order(course, english_course)
    assert children(english_course) == ["บทเรียนที่ 1", "บทเรียนที่ 2", "แบบทดสอบท้ายบท"]
    assert all(not problems for problems in Page.find_problems())


def test_a_lesson_row_offers_translate_into_english_with_english_already_chosen(course, client):
    from wagtail.models import Locale

    english = Locale.objects.get_or_create(language_code="en")[0]
    lesson = Page.objects.child_of(course).order_by("path").first()
    client.force_login(member("trainer-rows", "Trainers"))
    translate(client, course, english)
    html = client.get(reverse("wagtailadmin_explore", args=[course.pk])).content.decode()
    url = reverse("wagtail_localize:submit_page_translation", args=[lesson.pk]) + "?select_locale=en"
    assert re.search(rf'href="{re.escape(url)}"[^>]*>\s*(<svg.*?</svg>)?\s*แปลเป็นภาษาอังกฤษ', html, re.S)
    form = client.get(url).content.decode()
    assert re.search(rf'<input[^>]*name="locales"[^>]*value="{english.pk}"[^>]*checked', form)

    translate(client, lesson, english)  # translated: the row no longer offers it
    assert url not in client.get(reverse("wagtailadmin_explore", args=[course.pk])).content.decode()
    client.force_login(member("no-translating"))
    response = client.get(url)
    assert response.status_code == 302 and response["Location"] == f"/admin/login/?next={quote(url)}"
