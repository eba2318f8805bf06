"""The review workflow in a real browser: centre staff approve a trainer's lesson with an (empty) comment."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def submitted_lesson(live_server):

    from lessons.demo import ensure_site
    from tests.factories import UserFactory, make_course, make_lesson
    from tests.lessons.test_roles import edit_data

    _home, catalog = ensure_site()
    course, _ = make_course(catalog, slug="review", lessons=1)
    lesson = make_lesson(course, "to-review", title="บทเรียนรอตรวจ", live=False)
    trainer = UserFactory(username="review-trainer")
    trainer.groups.add(Group.objects.get(name="Trainers"))
    staff = UserFactory(username="review-staff")
    staff.groups.add(Group.objects.get(name="Centre staff"))
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(staff)
    profile.preferred_language = "en"  # the admin is Thai by default; this staff member chose English
    profile.save()
    client = Client()
    client.force_login(trainer)
    edit_url = reverse("wagtailadmin_pages:edit", args=(lesson.pk,))
    assert client.post(edit_url, edit_data(lesson, "บทเรียนที่ส่งตรวจ", "action-submit")).status_code == 302
    client.force_login(staff, backend="learners.backends.UsernameOrMobileBackend")
    return {"lesson": lesson, "cookie": client.cookies["sessionid"].value, "url": live_server.url, "edit": edit_url}


def test_approve_with_an_empty_comment_publishes_with_one_post(desktop, submitted_lesson):
    from lessons.models import LessonPage

    s = submitted_lesson
    desktop.context.add_cookies([{"name": "sessionid", "value": s["cookie"], "url": s["url"]}])
    posts, server_errors = [], []
    desktop.on("request", lambda r: posts.append((r.url, r.headers.get("accept"))) if r.method == "POST" else None)
    desktop.on("response", lambda r: server_errors.append(r.url) if r.status >= 500 else None)
    desktop.goto(s["url"] + s["edit"])
    desktop.locator("footer [data-w-dropdown-target=toggle], footer .dropdown-toggle").first.click()
    desktop.get_by_role("button", name="Approve with comment and publish").click()
    desktop.locator(".modal-content").get_by_role("button", name="Approve with comment", exact=True).click()
    desktop.wait_for_url(lambda url: not url.endswith(s["edit"]))
    desktop.wait_for_load_state("networkidle")
    desktop.wait_for_timeout(2000)  # any late autosave has been answered
    lesson = LessonPage.objects.get(pk=s["lesson"].pk)
    assert server_errors == []
    assert lesson.live and lesson.title == "บทเรียนที่ส่งตรวจ"
    page_posts = [url for url, accept in posts if url.endswith(s["edit"]) and "application/json" not in (accept or "")]
    assert len(page_posts) == 1, posts
