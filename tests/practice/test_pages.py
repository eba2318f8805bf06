"""Where practice pages live, how trainers edit them, the rules the blocks enforce, and the learner's data."""

import json

import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

from lessons.models import CoursePage, LessonPage
from practice.blocks import PhoneSimulatorBlock, SpotItemBlock
from practice.models import PracticePage
from tests.quizzes.test_statistics import trainer

from .conftest import act_url, simulator, spot_fake

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_a_practice_page_is_a_child_of_a_course_only():
    assert PracticePage in CoursePage.allowed_subpage_models()
    assert PracticePage.allowed_parent_page_models() == [CoursePage]
    assert PracticePage not in LessonPage.allowed_subpage_models()


def test_trainer_can_open_the_add_form_and_preview_a_practice_on_a_phone(client, site, course_practice):
    client.force_login(trainer(site["catalog"]))
    course = course_practice.course
    response = client.get(f"/admin/pages/add/practice/practicepage/{course.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    # The block menu, in Thai (in the StreamField's JSON, escaped or not).
    assert "จำลองข้อความในโทรศัพท์" in html or json.dumps("จำลองข้อความในโทรศัพท์")[1:-1] in html
    page = course_practice.practice
    edit = client.get(f"/admin/pages/{page.pk}/edit/")
    assert edit.status_code == 200


def test_preview_shows_every_step_with_its_answers_and_records_nothing(course_practice):
    from practice.models import PracticeRun

    response = course_practice.practice.make_preview_request()
    html = response.content.decode()
    assert response.status_code == 200
    assert "เปิดหน้าเว็บปลอม" in html and "ข้อมูลบัตรถูกขโมย" in html  # both steps' consequences
    assert "ที่อยู่เว็บไม่ใช่ของธนาคาร" in html and "ธนาคารไม่เคยถาม" in html
    assert PracticeRun.objects.count() == 0


def test_preview_of_a_new_unsaved_practice_works(course_practice):
    draft = PracticePage(title="ร่าง", slug="draft", activities=course_practice.practice.activities.raw_data)
    draft.locale = course_practice.course.locale
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


def test_practice_page_queries_do_not_grow_with_the_number_of_activities(learner_client, site):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import make_course

    from .conftest import make_practice, price, safe_form

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
