"""Where practice blocks live (the lesson body, through a lessons seam), how trainers edit them, the rules the
blocks enforce, and the learner's data."""

import json

import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

from lessons.blocks import LessonStreamBlock
from lessons.models import CoursePage, LessonPage
from practice.blocks import PhoneSimulatorBlock, SpotItemBlock
from tests.factories import simulator, spot_fake
from tests.quizzes.test_statistics import trainer

from .conftest import act_url

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_practice_blocks_come_into_the_lesson_body_through_the_lessons_seam_not_into_its_migrations():
    from lessons import hooks
    from practice.blocks import lesson_blocks

    field = LessonPage._meta.get_field("body")
    names = list(field.stream_block.child_blocks)
    assert names[: len(LessonStreamBlock.base_blocks)] == list(LessonStreamBlock.base_blocks)  # lessons' own first
    assert [name for name, _block in lesson_blocks()] == ["simulator", "spot_fake", "price", "safe_form"]
    assert set(names) - set(LessonStreamBlock.base_blocks) == {"simulator", "spot_fake", "price", "safe_form"}
    assert lesson_blocks in hooks.hooks.get_hooks(hooks.LESSON_BODY_BLOCKS)
    # Migrations freeze only lessons' own blocks, as a plain StreamField: lessons' migrations never change when
    # practice does, and never import practice.
    _name, path, args, _kwargs = field.deconstruct()
    assert path == "wagtail.fields.StreamField"
    assert [name for name, _index in args[0]] == list(LessonStreamBlock.base_blocks)
    assert PhoneSimulatorBlock.__module__ == "practice.blocks"


def test_no_practice_page_type_is_left():
    assert "practice.PracticePage" not in CoursePage.subpage_types
    assert all(model._meta.app_label != "practice" for model in CoursePage.allowed_subpage_models())


def test_trainer_can_add_practice_blocks_to_a_lesson_and_preview_it_on_a_phone(client, site, course_practice):
    client.force_login(trainer(site["catalog"]))
    course = course_practice.course
    response = client.get(f"/admin/pages/add/lessons/lessonpage/{course.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    # The lesson's block menu offers the practice blocks, in Thai (in the StreamField's JSON, \u-escaped).
    for label in ("จำลองข้อความในโทรศัพท์", "จับผิดของปลอม"):
        assert json.dumps(label)[1:-1] in html
    page = course_practice.practice
    edit = client.get(f"/admin/pages/{page.pk}/edit/")
    assert edit.status_code == 200 and f'value="{page.title}"' in edit.content.decode()


def test_preview_shows_every_step_with_its_answers_and_records_nothing(course_practice):
    from practice.models import PracticeRun

    response = course_practice.practice.make_preview_request()
    html = response.content.decode()
    assert response.status_code == 200
    assert "เปิดหน้าเว็บปลอม" in html and "ข้อมูลบัตรถูกขโมย" in html  # both steps' consequences
    assert "ที่อยู่เว็บไม่ใช่ของธนาคาร" in html and "ธนาคารไม่เคยถาม" in html
    assert PracticeRun.objects.count() == 0


def test_preview_of_a_new_unsaved_lesson_with_practice_works(course_practice):
    draft = LessonPage(title="ร่าง", slug="draft", body=course_practice.practice.body.raw_data)
    draft.locale = course_practice.course.locale
    course_practice.course.add_child(instance=draft)  # a lesson previews inside its course
    draft.live = False
    response = draft.make_preview_request()
    assert response.status_code == 200
    assert "พัสดุของคุณตกค้าง" in response.content.decode()


def test_go_to_step_must_point_forward_to_an_existing_step():
    block = PhoneSimulatorBlock()
    data = simulator()["value"]
    value = block.to_python(data)
    block.clean(value)  # the fixture is valid
    data["steps"][1]["value"]["choices"][0]["value"]["next_step"] = 1  # step 2 back to step 1: a loop
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python(data))
    data["steps"][1]["value"]["choices"][0]["value"]["next_step"] = 9
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python(data))


def test_an_item_to_spot_needs_a_right_reason():
    block = SpotItemBlock()
    data = spot_fake()["value"]["items"][0]["value"]
    for reason in data["reasons"]:
        reason["value"]["correct"] = False
    with pytest.raises((StructBlockValidationError, ValidationError)):
        block.clean(block.to_python(data))


def test_my_data_export_has_practice_runs_and_choices_but_nothing_typed(learner_client, learner, course_practice):
    from learners.privacy import export_user_data

    page = course_practice.practice
    learner_client.post(act_url(page, "sim"), {"step": "s1", "choice": "s1-tap"}, **HTMX)
    learner_client.post(
        act_url(page, "form"),
        {"field-name": "fill", "field-otp": "fill", "field-pin": "leave", "otp": "482913"},
        **HTMX,
    )
    data = export_user_data(learner)
    assert {row["activity_key"] for row in data["practice.practicerun"]} == {"sim", "form"}
    assert sorted(row["choice"] for row in data["practice.practicechoice"]) == ["fill", "fill", "leave", "s1-tap"]
    assert "482913" not in str(data)


def test_lesson_queries_do_not_grow_with_the_number_of_practice_blocks(learner_client, site):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import make_course, make_practice, price, safe_form

    def queries(slug, activities):
        course, _ = make_course(site["catalog"], slug=slug)
        page = make_practice(course, activities=activities)
        for activity in activities:
            if activity["type"] == "simulator":
                learner_client.post(act_url(page, activity["id"]), {"step": "s1", "choice": "s1-tap"}, **HTMX)
        learner_client.get(page.url)  # warm caches (site root, locales)
        with CaptureQueriesContext(connection) as captured:
            assert learner_client.get(page.url).status_code == 200
        return len(captured)

    few = queries("few", [simulator("a"), price("b")])
    many = queries("many", [simulator("a"), simulator("c"), simulator("d"), price("b"), price("e"), safe_form("f")])
    assert few == many


def test_practice_texts_stay_out_of_the_search_index_so_no_excerpt_shows_an_answer(course_practice):
    from lessons.search import plain_text

    text = plain_text(course_practice.practice)
    assert "ลองทำดู" in text  # the lesson's own text is indexed
    for answer in ("ลิงก์มาจากเบอร์แปลก", "ที่อยู่เว็บไม่ใช่ของธนาคาร", "อย่าบอก OTP ใคร", "เปิดหน้าเว็บปลอม"):
        assert answer not in text
