"""Admin language, Wagtail's Thai corrected, and who may use wagtail-localize's risky tools."""

import re
from pathlib import Path
from urllib.parse import quote

import polib
import pytest
import wagtail
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, Page, WorkflowState
from wagtail_localize.models import Translation
from wagtail_localize.operations import translate_object

from tests.factories import UserFactory, make_course

WAGTAIL = Path(wagtail.__file__).parent


@pytest.fixture
def translated(site):
    course, _ = make_course(site["catalog"], slug="admin-course", lessons=0)
    translate_object(course, [Locale.objects.get(language_code="en")])
    return Translation.objects.get(source__object_id=course.translation_key)


def member(name, group):
    user = UserFactory(username=name)
    user.groups.add(Group.objects.get(name=group))
    return user


def test_admin_is_thai_with_an_english_browser_unless_the_user_chose_english(client, db):
    user = member("trainer-lang", "Trainers")
    client.force_login(user)
    html = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="th"' in html
    from wagtail.users.models import UserProfile

    UserProfile.get_for_user(user).__class__.objects.filter(user=user).update(preferred_language="en")
    html = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="th").content.decode()
    assert 'lang="en"' in html


def test_wagtails_comma_joined_thai_is_corrected_by_the_project():
    odd = re.compile(r"[\u0e00-\u0e7f],[\u0e00-\u0e7f]|เกร็ดเล็ก|หลายๆ|หลายหน้า")
    left = []
    with translation.override("th"):
        for po_path in WAGTAIL.rglob("locale/th/LC_MESSAGES/django.po"):
            for entry in polib.pofile(str(po_path)):
                if entry.msgstr and odd.search(entry.msgstr) and "contrib" not in str(po_path):
                    if odd.search(translation.gettext(entry.msgid)):
                        left.append(entry.msgid)
        assert translation.ngettext("%(num)d minute", "%(num)d minutes", 7) % {"num": 7} == "7 นาที"
    assert left == []


def test_trainer_submits_a_translation_for_review_and_cannot_use_po_files_or_stop_sync(client, translated):
    trainer = member("trainer-po", "Trainers")
    staff = member("staff-po", "Centre staff")
    target = translated.get_target_instance()
    client.force_login(trainer)
    # Wagtail answers a PermissionDenied in the admin with a redirect to the dashboard and a message.
    for name in ("download_pofile", "stop_translation"):
        response = client.post(reverse(f"wagtail_localize:{name}", args=[translated.pk]))
        assert response.status_code == 302 and response.url == "/admin/"
    response = client.post(reverse("wagtail_localize:convert_to_alias", args=[target.pk]))
    assert response.status_code == 302 and response.url == "/admin/"
    assert Page.objects.get(pk=target.pk).alias_of_id is None
    translated.refresh_from_db()
    assert translated.enabled

    edit = client.get(reverse("wagtailadmin_pages:edit", args=[target.pk])).content.decode()
    assert "ส่งให้ตรวจ" in edit
    assert client.get(reverse("backoffice_submit_translation", args=[translated.pk])).status_code == 405
    response = client.post(reverse("backoffice_submit_translation", args=[translated.pk]))
    assert response.status_code == 302
    state = WorkflowState.objects.get(object_id=str(target.pk), base_content_type__model="page")
    assert state.status == WorkflowState.STATUS_IN_PROGRESS and state.requested_by == trainer
    assert not Page.objects.get(pk=target.pk).live

    client.force_login(UserFactory(username="no-admin"))
    submit_url = reverse("backoffice_submit_translation", args=[translated.pk])
    refused = client.post(submit_url)
    assert refused.status_code == 302 and refused["Location"] == f"/admin/login/?next={quote(submit_url)}"
    assert WorkflowState.objects.filter(object_id=str(target.pk)).count() == 1

    client.force_login(staff)
    pofile = client.get(reverse("wagtail_localize:download_pofile", args=[translated.pk]))
    assert pofile.status_code == 200 and 'msgid "หลักสูตรทดสอบ"' in pofile.content.decode()


def test_the_slug_for_a_title_is_the_romanised_one_the_server_saves(client, site):
    from lessons.models import LessonPage

    client.force_login(member("trainer-slug", "Trainers"))
    url = reverse("backoffice_slug")
    response = client.get(url, {"title": "ตอบแชตลูกค้าให้ไว"})
    assert response.status_code == 200 and response.json() == {"slug": "top-chaet-lukkha-hai-wai"}
    assert client.get(url, {"title": ""}).json() == {"slug": ""}
    course, _ = make_course(site["catalog"], slug="slug-course", lessons=0)
    lesson = LessonPage(title="ตอบแชตลูกค้าให้ไว", slug="", intro="", body=[])
    course.add_child(instance=lesson)
    assert lesson.slug == response.json()["slug"]


def test_the_slug_endpoint_refuses_bad_titles_with_a_thai_error(client, db):
    client.force_login(member("staff-slug", "Centre staff"))
    url = reverse("backoffice_slug")
    with translation.override("th"):
        thai = translation.gettext("A title can have at most %(limit)s characters, and no control characters.")
    for title in ("ก" * 256, "a\x00b"):
        response = client.get(url, {"title": title}, HTTP_ACCEPT_LANGUAGE="th")
        assert response.status_code == 400 and response.json()["error"] == thai % {"limit": 255}
        assert re.search("[\u0e00-\u0e7f]", response.json()["error"])
    assert client.post(url, {"title": "ก"}).status_code == 405


def test_only_people_who_may_use_the_admin_get_a_slug(client, db):
    url = reverse("backoffice_slug")
    assert client.get(url, {"title": "ก"}).status_code == 302  # to the admin's sign-in
    client.force_login(UserFactory(username="learner-slug"))
    response = client.get(url, {"title": "ก"})
    assert response.status_code == 302 and response["Location"].startswith(f"/admin/login/?next={quote(url)}")
    assert "slug" not in response.content.decode()


def test_staff_may_publish_a_translation_directly_and_no_review_is_left_waiting(
    client, translated, django_capture_on_commit_callbacks
):
    """Staff publish a translation from the editor as they may any page; a trainer's pending review of it is
    closed (Wagtail cancels a workflow on publish), so nothing stale waits on the staff dashboard."""
    trainer = member("trainer-direct", "Trainers")
    staff = member("staff-direct", "Centre staff")
    target = translated.get_target_instance()
    edit_url = reverse("wagtailadmin_pages:edit", args=[target.pk])
    client.force_login(trainer)
    client.post(reverse("backoffice_submit_translation", args=[translated.pk]))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(edit_url, {"action": "publish"})
    assert not Page.objects.get(pk=target.pk).live  # a trainer cannot publish it directly

    client.force_login(staff)
    html = client.get(edit_url).content.decode()
    assert "backoffice-reviewer" not in html and "backoffice-review-footer" not in html
    assert target.permissions_for_user(staff).can_publish()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_url, {"action": "publish"}, follow=True)
    assert "เผยแพร่ฉบับแปล" in response.content.decode()  # wagtail-localize's message, in Thai
    assert Page.objects.get(pk=target.pk).live
    state = WorkflowState.objects.get(object_id=str(target.pk), base_content_type__model="page")
    assert state.status == WorkflowState.STATUS_CANCELLED
    assert not WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS).exists()
