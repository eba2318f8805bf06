import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from certificates import services
from certificates.codes import ALPHABET, normalise_code
from certificates.models import BulkIssueJob, Certificate
from lessons.models import CoursePage
from tests.factories import COURSE_EN, COURSE_TH, build_course, complete

pytestmark = pytest.mark.django_db


def test_code_is_twelve_unambiguous_characters_in_three_groups(completed_learner, course):
    certificate, created = services.issue(completed_learner, course)
    assert created
    groups = certificate.code.split("-")
    assert [len(g) for g in groups] == [4, 4, 4]
    assert set("".join(groups)) <= set(ALPHABET)
    assert not set("0O1IL") & set(ALPHABET)


@pytest.mark.parametrize("typed", ["abcd-efgh-jkmn", " ABCD EFGH JKMN ", "abcdefghjkmn", "ABCD–EFGH—JKMN"])
def test_typed_codes_are_normalised(typed):
    assert normalise_code(typed) == "ABCD-EFGH-JKMN"


@pytest.mark.parametrize("typed", ["", "ABCD-EFGH-JKM", "ABCD-EFGH-JKMNP", "ABCD-EFGH-JK0N", "<script>", None])
def test_impossible_codes_are_rejected(typed):
    assert normalise_code(typed) is None


def test_issue_snapshots_name_titles_and_centre(completed_learner, course, centre):
    certificate, _ = services.issue(completed_learner, course)
    assert certificate.learner_name == "นางบุญมี ทองดี"
    assert certificate.course_title_th == COURSE_TH
    assert certificate.course_title_en == COURSE_EN
    assert certificate.centre == centre
    assert certificate.issued_by is None
    completed_learner.display_name = "ชื่อใหม่"
    completed_learner.save()
    certificate.refresh_from_db()
    assert certificate.learner_name == "นางบุญมี ทองดี"


def test_issue_from_english_page_uses_the_source_course(completed_learner, course):
    english = CoursePage.objects.get(translation_key=course.translation_key, locale__language_code="en")
    certificate, _ = services.issue(completed_learner, english)
    assert certificate.course_id == course.pk


def test_issuing_twice_gives_one_certificate(completed_learner, course, staff):
    first, created_first = services.issue(completed_learner, course, issued_by=staff)
    second, created_second = services.issue(completed_learner, course, issued_by=staff)
    assert (created_first, created_second) == (True, False)
    assert first.pk == second.pk
    assert Certificate.objects.filter(learner=completed_learner).count() == 1


def test_database_allows_only_one_valid_certificate_per_learner_and_course(completed_learner, course):
    certificate, _ = services.issue(completed_learner, course)
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.create(
            learner=completed_learner, course=course, learner_name="x", course_title_th="x", course_title_en="x"
        )
    services.revoke(certificate, "ออกผิดคน")
    Certificate.objects.create(
        learner=completed_learner, course=course, learner_name="x", course_title_th="x", course_title_en="x"
    )
    assert Certificate.objects.filter(learner=completed_learner, course=course).count() == 2


def test_issue_after_a_lost_race_returns_the_winner(completed_learner, course, monkeypatch):
    """The check-then-insert window: another request inserts between our check and our insert."""
    winner = Certificate.objects.create(
        learner=completed_learner, course=course, learner_name="a", course_title_th="a", course_title_en="a"
    )
    real_valid = Certificate.objects.valid
    calls = {"n": 0}

    def valid_missing_once():
        calls["n"] += 1
        queryset = real_valid()
        return queryset.none() if calls["n"] == 1 else queryset

    monkeypatch.setattr(Certificate.objects, "valid", valid_missing_once)
    certificate, created = services.issue(completed_learner, course)
    assert (certificate.pk, created) == (winner.pk, False)


def test_staff_cannot_issue_before_completion(learner, course, staff):
    with pytest.raises(services.CertificateError) as error:
        services.issue(learner, course, issued_by=staff)
    with translation.override("th"):
        assert str(error.value.message) == "ผู้เรียนคนนี้ยังเรียนหลักสูตรไม่จบ"
    assert not Certificate.objects.exists()


def test_completing_an_auto_issue_course_issues_the_certificate(learner, site):
    course, lessons = build_course(site["catalog"], slug="auto", auto_issue=True)
    complete(learner, lessons[:1])
    assert not Certificate.objects.exists()
    complete(learner, lessons[1:])
    certificate = Certificate.objects.get(learner=learner)
    assert certificate.course == course and certificate.issued_by is None and certificate.is_valid


def test_completing_a_staff_approved_course_issues_nothing(learner, course_and_lessons):
    course, lessons = course_and_lessons
    complete(learner, lessons)
    assert not Certificate.objects.exists()
    assert list(services.awaiting_certificate(learner.home_centre, course)) == [learner]


def test_revoke_needs_a_reason_and_records_when(completed_learner, course, staff):
    certificate, _ = services.issue(completed_learner, course)
    with pytest.raises(services.CertificateError):
        services.revoke(certificate, "   ")
    assert services.revoke(certificate, "ออกผิดคน", revoked_by=staff) is True
    assert certificate.status == Certificate.Status.REVOKED
    assert certificate.revoke_reason == "ออกผิดคน" and certificate.revoked_by == staff
    assert timezone.now() - certificate.revoked_at < timezone.timedelta(minutes=1)
    assert services.revoke(certificate, "again") is False
    certificate.refresh_from_db()
    assert certificate.revoke_reason == "ออกผิดคน"


def test_reissue_revokes_old_and_issues_new_with_corrected_name(completed_learner, course, staff):
    old, _ = services.issue(completed_learner, course)
    new = services.reissue(old, "นางบุญมี ทองดีมาก", issued_by=staff)
    old.refresh_from_db()
    assert not old.is_valid and old.revoked_by == staff
    assert new.is_valid and new.learner_name == "นางบุญมี ทองดีมาก" and new.code != old.code
    assert new.issued_by == staff
    completed_learner.refresh_from_db()
    assert completed_learner.display_name == "นางบุญมี ทองดีมาก"
    with pytest.raises(services.CertificateError):
        services.reissue(old, "อีกครั้ง", issued_by=staff)
    assert Certificate.objects.valid().filter(learner=completed_learner).count() == 1


def test_reissue_by_centre_staff_never_renames_a_more_powerful_account(course, centre, staff):
    """The printed name is corrected, but staff may not edit an account in a group (no take-over by renaming)."""
    from django.contrib.auth.models import Group

    from tests.factories import UserFactory

    national = UserFactory(username="national-here", display_name="ส่วนกลาง เดิม", home_centre=centre)
    national.groups.add(Group.objects.get_or_create(name="National staff")[0])
    old, _ = services.issue(national, course, centre=centre, require_completion=False)
    new = services.reissue(old, "ชื่อที่เจ้าหน้าที่พิมพ์", issued_by=staff)
    national.refresh_from_db()
    assert new.learner_name == "ชื่อที่เจ้าหน้าที่พิมพ์" and national.display_name == "ส่วนกลาง เดิม"


def test_reissue_is_all_or_nothing(completed_learner, course, staff):
    old, _ = services.issue(completed_learner, course)
    with pytest.raises(services.CertificateError):
        services.reissue(old, "ก" * 151, issued_by=staff)
    old.refresh_from_db()
    assert old.is_valid and Certificate.objects.count() == 1


def test_awaiting_lists_only_this_centres_completed_learners_without_a_certificate(
    course_and_lessons, centre, other_centre, completed_learner, other_learner
):
    from tests.factories import MembershipFactory, UserFactory

    course, lessons = course_and_lessons
    visiting = UserFactory(username="visitor", home_centre=other_centre)
    MembershipFactory(user=visiting, centre=centre)
    elsewhere = UserFactory(username="elsewhere", home_centre=other_centre)
    for user in (visiting, elsewhere):
        complete(user, lessons)
    complete(other_learner, lessons[:1])
    awaiting = set(services.awaiting_certificate(centre, course))
    assert awaiting == {completed_learner, visiting}
    services.issue(completed_learner, course)
    assert set(services.awaiting_certificate(centre, course)) == {visiting}


def test_bulk_issue_job_counts_and_skips_existing(course_and_lessons, centre, staff):
    from tests.factories import UserFactory

    course, lessons = course_and_lessons
    learners = [UserFactory(username=f"class-{n}", home_centre=centre) for n in range(30)]
    for user in learners:
        complete(user, lessons)
    for user in learners[:10]:
        services.issue(user, course)
    job = services.start_bulk_issue(centre, course, staff)  # ImmediateBackend in tests: runs inline
    job.refresh_from_db()
    assert job.status == BulkIssueJob.Status.DONE
    assert (job.total, job.done, job.issued) == (20, 20, 20)
    assert job.task_id
    assert Certificate.objects.valid().filter(course=course, centre=centre).count() == 30
    assert set(Certificate.objects.filter(learner__in=learners[10:]).values_list("issued_by", flat=True)) == {staff.pk}


def test_demo_sets_a_sample_signatory_that_prints(site, completed_learner, course, tmp_path):
    import io
    import subprocess

    from certificates import demo
    from certificates.pdf import render_pdf

    demo.load(io.StringIO())
    demo.load(io.StringIO())
    certificate, _ = services.issue(completed_learner, course)
    path = tmp_path / "demo.pdf"
    path.write_bytes(render_pdf(certificate))
    text = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert demo.DEMO_SIGNATORY in text
