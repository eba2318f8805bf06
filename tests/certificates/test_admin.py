"""Staff pages in the Wagtail admin: who may use them and what each action does."""

import pytest
from django.utils import translation

from certificates import services
from certificates.models import BulkIssueJob, Certificate
from tests.factories import complete

from .conftest import sign_in

pytestmark = pytest.mark.django_db

INDEX = "/admin/certificates/"


def status(client, method, url, data=None):
    """Final status after redirects: a 404 outside /th/ is first redirected there by LocaleMiddleware."""
    return getattr(client, method)(url, data or {}, follow=True).status_code


@pytest.fixture
def certificate(completed_learner, course):
    return services.issue(completed_learner, course)[0]


def test_anonymous_is_sent_to_the_admin_sign_in(client, certificate):
    for url in [INDEX, "/admin/certificates/awaiting/", f"/admin/certificates/{certificate.pk}/revoke/"]:
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_learner_without_admin_access_cannot_reach_the_pages(client, completed_learner, certificate):
    sign_in(client, completed_learner)
    response = client.get(INDEX)
    assert response.status_code == 302 and response["Location"] == f"/admin/login/?next={INDEX}"
    revoke = client.post(f"/admin/certificates/{certificate.pk}/revoke/", {"reason": "x"})
    assert revoke.status_code == 302 and revoke["Location"].startswith("/admin/login/")
    certificate.refresh_from_db()
    assert certificate.is_valid


def test_admin_user_who_is_not_centre_staff_gets_403(client, certificate):
    from django.contrib.auth.models import Permission

    from tests.factories import UserFactory

    trainer = UserFactory(username="trainer-admin")
    trainer.user_permissions.add(Permission.objects.get(codename="access_admin"))
    sign_in(client, trainer)
    denied = client.get(INDEX)  # Wagtail answers PermissionDenied with a message on the dashboard
    assert denied.status_code == 302 and denied["Location"] == "/admin/"
    assert client.post(f"/admin/certificates/{certificate.pk}/revoke/", {"reason": "x"})["Location"] == "/admin/"
    certificate.refresh_from_db()
    assert certificate.is_valid


def test_staff_see_their_centres_certificates_and_superusers_see_all(
    client, certificate, staff, other_staff, superuser, other_centre, course
):
    from tests.factories import UserFactory

    elsewhere = UserFactory(username="far-learner", display_name="นายไกล บ้าน", home_centre=other_centre)
    far = services.issue(elsewhere, course, require_completion=False)[0]
    sign_in(client, staff)
    html = client.get(INDEX).content.decode()
    assert certificate.code in html and far.code not in html
    sign_in(client, other_staff)
    html = client.get(INDEX).content.decode()
    assert far.code in html and certificate.code not in html
    sign_in(client, superuser)
    html = client.get(INDEX).content.decode()
    assert far.code in html and certificate.code in html


def test_list_filters_by_status_and_search(client, staff, certificate, course, centre):
    from tests.factories import UserFactory

    other = services.issue(
        UserFactory(username="x2", display_name="นายสมศักดิ์ ขยัน", home_centre=centre), course, require_completion=False
    )[0]
    services.revoke(other, "ผิด")
    sign_in(client, staff)
    html = client.get(INDEX, {"status": "revoked"}).content.decode()
    assert other.code in html and certificate.code not in html
    html = client.get(INDEX, {"q": "บุญมี"}).content.decode()
    assert certificate.code in html and other.code not in html
    html = client.get(INDEX, {"q": certificate.code.lower()}).content.decode()
    assert certificate.code in html and other.code not in html


def test_menu_shows_certificates_to_staff(client, staff):
    sign_in(client, staff)
    assert INDEX in client.get("/admin/").content.decode()


def test_awaiting_lists_completed_learners_and_staff_issue_one(client, staff, completed_learner, course, centre):
    sign_in(client, staff)
    html = client.get("/admin/certificates/awaiting/", {"centre": centre.pk, "course": course.pk}).content.decode()
    assert "นางบุญมี ทองดี" in html
    data = {"centre": centre.pk, "course": course.pk, "learner": completed_learner.pk}
    first = client.post("/admin/certificates/issue/", data)
    second = client.post("/admin/certificates/issue/", data)  # double click
    assert first.status_code == second.status_code == 302
    certificate = Certificate.objects.get(learner=completed_learner)
    assert certificate.issued_by == staff and certificate.centre == centre
    messages = [str(m) for m in client.get(first["Location"]).context["messages"]]
    assert any("มีใบประกาศนียบัตร" in m for m in messages)


def test_staff_cannot_issue_for_another_centre(client, other_staff, completed_learner, course, centre, other_centre):
    sign_in(client, other_staff)
    data = {"centre": centre.pk, "course": course.pk, "learner": completed_learner.pk}
    assert status(client, "post", "/admin/certificates/issue/", data) == 404
    data["centre"] = other_centre.pk  # their own centre, but the learner is not theirs
    assert status(client, "post", "/admin/certificates/issue/", data) == 404
    assert not Certificate.objects.exists()


def test_issue_before_completion_is_refused_politely(client, staff, learner, course, centre):
    sign_in(client, staff)
    response = client.post(
        "/admin/certificates/issue/", {"centre": centre.pk, "course": course.pk, "learner": learner.pk}, follow=True
    )
    assert response.status_code == 200
    assert "ยังเรียนหลักสูตรไม่จบ" in response.content.decode()
    assert not Certificate.objects.exists()


def test_bulk_issue_returns_a_progress_page(client, staff, course_and_lessons, centre):
    from tests.factories import UserFactory

    course, lessons = course_and_lessons
    for n in range(5):
        complete(UserFactory(username=f"bulk-{n}", home_centre=centre), lessons)
    sign_in(client, staff)
    response = client.post("/admin/certificates/bulk/", {"centre": centre.pk, "course": course.pk})
    job = BulkIssueJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/admin/certificates/bulk/{job.pk}/"
    page = client.get(response["Location"])
    assert page.status_code == 200 and "Refresh" not in page  # finished: the immediate test backend ran it
    assert "5 จาก 5" in page.content.decode()
    assert Certificate.objects.valid().filter(course=course).count() == 5


def test_job_page_refreshes_while_running_and_is_hidden_from_other_centres(client, staff, other_staff, course, centre):
    job = BulkIssueJob.objects.create(centre=centre, course=course, requested_by=staff, total=10, done=3)
    sign_in(client, staff)
    response = client.get(f"/admin/certificates/bulk/{job.pk}/")
    assert response["Refresh"] == "2"
    sign_in(client, other_staff)
    assert status(client, "get", f"/admin/certificates/bulk/{job.pk}/") == 404


def test_other_centres_staff_cannot_bulk_issue_here(client, other_staff, course, centre):
    sign_in(client, other_staff)
    assert status(client, "post", "/admin/certificates/bulk/", {"centre": centre.pk, "course": course.pk}) == 404
    assert not BulkIssueJob.objects.exists()


def test_revoke_needs_a_reason_then_revokes(client, staff, certificate):
    sign_in(client, staff)
    url = f"/admin/certificates/{certificate.pk}/revoke/"
    form = client.get(url)
    assert form.status_code == 200
    assert certificate.code in form.content.decode() and 'name="reason"' in form.content.decode()
    empty = client.post(url, {"reason": ""})
    assert empty.status_code == 400
    with translation.override("th"):
        required = translation.gettext("This field is required.")
    assert required in empty.content.decode()
    certificate.refresh_from_db()
    assert certificate.is_valid
    revoked = client.post(url, {"reason": "ออกผิดคน"})
    assert revoked.status_code == 302 and revoked["Location"] == INDEX
    again = client.post(url, {"reason": "ออกผิดคน"})  # second tab: no error, no change
    assert again.status_code == 302 and again["Location"] == INDEX
    certificate.refresh_from_db()
    assert certificate.status == "revoked" and certificate.revoked_by == staff


@pytest.mark.parametrize("action", ["revoke", "reissue"])
def test_other_centres_staff_get_404_on_actions(client, other_staff, certificate, action):
    sign_in(client, other_staff)
    url = f"/admin/certificates/{certificate.pk}/{action}/"
    assert status(client, "get", url) == 404
    assert status(client, "post", url, {"reason": "x", "learner_name": "x"}) == 404
    certificate.refresh_from_db()
    assert certificate.is_valid and certificate.learner_name == "นางบุญมี ทองดี"


@pytest.mark.parametrize("who", ["staff", "superuser"])
def test_reissue_after_name_correction(client, certificate, who, request):
    user = request.getfixturevalue(who)
    sign_in(client, user)
    url = f"/admin/certificates/{certificate.pk}/reissue/"
    assert "นางบุญมี ทองดี" in client.get(url).content.decode()
    empty = client.post(url, {"learner_name": ""})
    assert empty.status_code == 400
    with translation.override("th"):
        assert translation.gettext("This field is required.") in empty.content.decode()
    assert client.post(url, {"learner_name": "นางบุญมี ทองดีเลิศ"}).status_code == 302
    assert client.post(url, {"learner_name": "นางบุญมี ทองดีเลิศ"}).status_code == 302  # double click
    valid = Certificate.objects.valid().get(learner=certificate.learner)
    assert valid.learner_name == "นางบุญมี ทองดีเลิศ" and valid.issued_by == user
    assert Certificate.objects.filter(learner=certificate.learner).count() == 2


def test_centre_staff_group_gives_admin_access(db):
    from django.contrib.auth.models import Group

    group = Group.objects.get(name="Centre staff")
    assert group.permissions.filter(content_type__app_label="wagtailadmin", codename="access_admin").exists()
