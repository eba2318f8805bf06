"""Roles from the data migration: trainers write and submit for review, centre staff approve and publish."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation
from wagtail.models import Workflow, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from lessons.models import LessonPage
from tests.factories import UserFactory, make_course, make_lesson


@pytest.fixture
def course(site):
    course, _ = make_course(site["catalog"], slug="roles", lessons=1)
    return course


def member(username, group_name):
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def edit_data(lesson, title, action):
    return nested_form_data(
        {
            "title": title,
            "slug": lesson.slug,
            "intro": "บทนำ",
            "minutes": 6,
            "body": streamfield([("paragraph", rich_text("<p>ตั้งราคาให้คุ้มทุน</p>"))]),
            "comments": inline_formset([]),
            action: "1",
        }
    )


def test_groups_have_the_admin_and_the_right_page_permissions(course):
    trainer = member("trainer1", "Trainers")
    staff = member("staff1", "Centre staff")
    lesson = LessonPage.objects.child_of(course).first()
    for user in (trainer, staff):
        assert user.has_perm("wagtailadmin.access_admin")
    trainer_perms = lesson.permissions_for_user(trainer)
    staff_perms = lesson.permissions_for_user(staff)
    assert trainer_perms.can_edit() and not trainer_perms.can_publish()
    assert course.permissions_for_user(trainer).can_add_subpage()
    assert staff_perms.can_edit() and staff_perms.can_publish() and staff_perms.can_lock()
    assert not lesson.permissions_for_user(UserFactory(username="plain")).can_edit()
    workflow = lesson.get_workflow()
    assert workflow == Workflow.objects.get(name="เจ้าหน้าที่ศูนย์ตรวจ")
    assert [task.specific.groups.get().name for task in workflow.tasks] == ["Centre staff"]


def test_trainer_cannot_publish_but_submits_and_staff_approval_publishes(course, client):
    lesson = make_lesson(course, "draft-lesson", title="ร่างบทเรียน", live=False)
    trainer = member("trainer2", "Trainers")
    staff = member("staff2", "Centre staff")
    edit_url = reverse("wagtailadmin_pages:edit", args=(lesson.pk,))

    client.force_login(trainer)
    editor = client.get(edit_url)
    assert editor.status_code == 200 and f'value="{lesson.title}"' in editor.content.decode()
    client.post(edit_url, edit_data(lesson, "บทเรียนที่วิทยากรเขียน", "action-publish"))
    lesson.refresh_from_db()
    assert not lesson.live
    assert lesson.get_latest_revision_as_object().title == "บทเรียนที่วิทยากรเขียน"  # saved as a draft only
    assert client.get("/th/courses/roles/draft-lesson/").status_code == 404

    response = client.post(edit_url, edit_data(lesson, "บทเรียนที่วิทยากรเขียน", "action-submit"))
    assert response.status_code == 302
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(lesson.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == trainer
    lesson.refresh_from_db()
    assert not lesson.live

    task_state = state.current_task_state
    approve_url = reverse("wagtailadmin_pages:workflow_action", args=(lesson.pk, "approve", task_state.pk))
    refused = client.post(approve_url, {"comment": ""}, follow=True)
    assert refused.redirect_chain == [("/admin/", 302)]
    with translation.override("th"):
        sorry = translation.gettext("Sorry, you do not have permission to access this area.")
    assert sorry in refused.content.decode()
    lesson.refresh_from_db()
    assert not lesson.live

    client.force_login(staff)
    assert client.post(approve_url, {"comment": "ดีมาก"}).status_code == 302
    lesson.refresh_from_db()
    assert lesson.live and lesson.title == "บทเรียนที่วิทยากรเขียน"
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert "ตั้งราคาให้คุ้มทุน" in client.get("/th/courses/roles/draft-lesson/").content.decode()


def test_trainers_and_staff_can_upload_images_and_documents(course):
    trainer = member("trainer3", "Trainers")
    staff = member("staff3", "Centre staff")
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.permissions import policy_registry

    image_policy = policy_registry.get_by_type(get_image_model())
    document_policy = policy_registry.get_by_type(get_document_model())

    for user in (trainer, staff):
        assert image_policy.user_has_permission(user, "add")
        assert document_policy.user_has_permission(user, "add")
    assert image_policy.user_has_permission(staff, "change")


def test_an_autosave_carrying_a_workflow_action_does_not_act_and_the_real_post_publishes(course, client):
    """Wagtail 8 autosave posts the form with the hidden inputs of "Approve with comment": it must not act."""
    import json

    lesson = make_lesson(course, "autosave-lesson", title="ร่าง", live=False)
    trainer = member("trainer4", "Trainers")
    staff = member("staff4", "Centre staff")
    edit_url = reverse("wagtailadmin_pages:edit", args=(lesson.pk,))
    client.force_login(trainer)
    client.post(edit_url, edit_data(lesson, "บทเรียนรอตรวจ", "action-submit"))
    client.force_login(staff)
    data = edit_data(lesson, "บทเรียนรอตรวจ", "action-workflow-action")
    data.update({"workflow-action-name": "approve", "workflow-action-extra-data": json.dumps({"comment": ""})})
    autosave = client.post(edit_url, data, HTTP_ACCEPT="application/json")
    assert autosave.status_code == 200 and autosave.json()["success"] is False
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(lesson.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    lesson.refresh_from_db()
    assert not lesson.live
    assert client.post(edit_url, data).status_code == 302
    lesson.refresh_from_db()
    state.refresh_from_db()
    assert lesson.live and state.status == WorkflowState.STATUS_APPROVED
