"""The "issue automatically" switch is a per-course setting the certificates app owns, edited in the course editor."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from certificates.models import CourseCertificateSettings
from tests.factories import UserFactory, build_course, make_course


def member(username, group):
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get(name=group))
    return user


def course_form(course, auto_issue, action):
    existing = CourseCertificateSettings.objects.filter(course=course).first()
    settings = {"id": existing.pk} if existing else {}
    if auto_issue:
        settings["auto_issue"] = "on"
    return nested_form_data(
        {
            "title": course.title,
            "slug": course.slug,
            "summary": course.summary,
            "level": course.level,
            "cover_alt": "",
            "outcomes": streamfield([]),
            "certificate_settings": inline_formset([settings], initial=int(existing is not None), min=1, max=1),
            "comments": inline_formset([]),
            action: "1",
        }
    )


@pytest.mark.parametrize("auto_issue", [False, True])
def test_trainer_sets_the_switch_in_the_course_editor_and_staff_publish_it(site, client, auto_issue):
    course, _lessons = build_course(site["catalog"], auto_issue=not auto_issue)
    edit_url = reverse("wagtailadmin_pages:edit", args=(course.pk,))

    client.force_login(member("editor-trainer", "Trainers"))
    page = client.get(edit_url).content.decode()
    assert 'name="certificate_settings-0-auto_issue"' in page
    assert "ออกใบประกาศนียบัตรอัตโนมัติ" in page
    assert client.post(edit_url, course_form(course, auto_issue, "action-submit")).status_code == 302
    course.refresh_from_db()
    draft = course.get_latest_revision_as_object()
    assert [row.auto_issue for row in draft.certificate_settings.all()] == [auto_issue]
    assert CourseCertificateSettings.auto_issue_for(course) is (not auto_issue)  # not published yet

    client.force_login(member("editor-staff", "Centre staff"))
    assert client.post(edit_url, course_form(course, auto_issue, "action-publish")).status_code == 302
    assert CourseCertificateSettings.auto_issue_for(course) is auto_issue
    assert CourseCertificateSettings.objects.filter(course=course).count() == 1


def test_a_course_without_settings_issues_automatically(site):
    course, _ = make_course(site["catalog"], "no-settings", 0, "ไม่มีการตั้งค่า")
    assert CourseCertificateSettings.auto_issue_for(course) is True
