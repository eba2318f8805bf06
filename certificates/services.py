"""Issuing, revoking and re-issuing certificates: the business rules, reachable without HTTP.

"At most one valid certificate per learner and course" is a partial unique index in the database; the
functions here handle its IntegrityError so a double click or two tabs give one certificate.
"""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learners.models import Membership
from learners.permissions import can_manage_learner
from lessons.models import CoursePage, Enrolment

from .codes import generate_code
from .models import BulkIssueJob, Certificate, CourseCertificateSettings

CODE_ATTEMPTS = 5
PROGRESS_EVERY = 25


class CertificateError(Exception):
    """A rule stopped the action; ``message`` is translated and safe to show."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def course_titles(course):
    """``(thai, english)`` titles of a course from its translations (falling back to the source title)."""
    course = CoursePage.objects.source_of(course)
    titles = dict(
        CoursePage.objects.filter(translation_key=course.translation_key).values_list("locale__language_code", "title")
    )
    return titles.get("th", course.title), titles.get("en", titles.get("th", course.title))


def has_completed(learner, course):
    return Enrolment.objects.filter(
        user=learner, course=CoursePage.objects.source_of(course), completed_at__isnull=False
    ).exists()


def issue(learner, course, *, issued_by=None, centre=None, learner_name=None, titles=None, require_completion=True):
    """Issue ``learner``'s certificate for ``course``; returns ``(certificate, created)``.

    Idempotent: when a valid certificate exists (or a concurrent request creates one first), that one is
    returned with ``created=False``.
    """
    course = CoursePage.objects.source_of(course)
    existing = Certificate.objects.valid().filter(learner=learner, course=course).first()
    if existing:
        return existing, False
    if require_completion and not has_completed(learner, course):
        raise CertificateError(_("This learner has not completed the course yet."))
    title_th, title_en = titles or course_titles(course)
    fields = {
        "learner": learner,
        "course": course,
        "centre": centre or learner.home_centre,
        "learner_name": (learner_name or learner.get_full_name()).strip(),
        "course_title_th": title_th,
        "course_title_en": title_en,
        "issued_by": issued_by,
    }
    for _attempt in range(CODE_ATTEMPTS):
        try:
            with transaction.atomic():
                return Certificate.objects.create(code=generate_code(), **fields), True
        except IntegrityError:
            existing = Certificate.objects.valid().filter(learner=learner, course=course).first()
            if existing:
                return existing, False
            # Otherwise the random code collided with another certificate's: draw again.
    raise IntegrityError("could not draw an unused verification code")


def revoke(certificate, reason, *, revoked_by=None):
    """Mark ``certificate`` revoked. Revoking an already revoked certificate changes nothing."""
    reason = (reason or "").strip()
    if not reason:
        raise CertificateError(_("Give a reason for revoking the certificate."))
    if len(reason) > 500:
        raise CertificateError(_("The reason can be at most 500 characters."))
    now = timezone.now()
    updated = Certificate.objects.filter(pk=certificate.pk, status=Certificate.Status.VALID).update(
        status=Certificate.Status.REVOKED, revoked_at=now, revoked_by=revoked_by, revoke_reason=reason
    )
    certificate.refresh_from_db()
    return bool(updated)


def reissue(certificate, learner_name, *, issued_by=None, reason=None):
    """Replace a valid certificate after a name correction: revoke it and issue a new one, atomically.

    The corrected name is also saved as the learner's display name so later certificates agree, when the
    person correcting it may manage that account (``learners.permissions.can_manage_learner``).
    """
    learner_name = (learner_name or "").strip()
    if not learner_name:
        raise CertificateError(_("Enter the name as it should be printed."))
    if len(learner_name) > 150:
        raise CertificateError(_("The name can be at most 150 characters."))
    with transaction.atomic():
        current = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if not current.is_valid:
            raise CertificateError(_("This certificate has already been revoked."))
        if current.holder_withdrawn:
            raise CertificateError(_("The holder's details were withdrawn at their request: it cannot be re-issued."))
        revoke(current, reason or _("Re-issued with a corrected name."), revoked_by=issued_by)
        learner = current.learner
        if learner.display_name != learner_name and (issued_by is None or can_manage_learner(issued_by, learner)):
            learner.display_name = learner_name
            learner.save(update_fields=["display_name"])
        new, _created = issue(
            learner,
            current.course,
            issued_by=issued_by,
            centre=current.centre,
            learner_name=learner_name,
            require_completion=False,
        )
    certificate.refresh_from_db()
    return new


def withdraw_holder(user):
    """Before ``user`` is deleted: keep their certificates, but without their name or the staff's notes.

    The database then sets ``learner`` to NULL (``on_delete=SET_NULL``); ``/verify/`` says the certificate
    was genuinely issued and the holder's details were withdrawn at their request.
    """
    return Certificate.objects.filter(learner=user).update(learner_name="", revoke_reason="")


def certificate_destinations(sender, user, courses, **kwargs):
    """Receiver of ``lessons.hooks.completed_course_destination``: "continue" opens the certificate."""
    certificates = Certificate.objects.valid().filter(learner=user, course__in=courses).only("pk", "course_id")
    return {
        certificate.course_id: {
            "url": reverse("certificates:download", args=[certificate.pk]),
            "title": _("Your certificate"),
        }
        for certificate in certificates
    }


def on_user_deleted(sender, instance, **kwargs):
    withdraw_holder(instance)


def centre_learners(centre):
    """People who learn at ``centre``: its home users and its learner memberships."""
    memberships = Membership.objects.filter(user=OuterRef("pk"), centre=centre, role=Membership.Role.LEARNER)
    return get_user_model().objects.filter(Q(home_centre=centre) | Exists(memberships))


def awaiting_certificate(centre, course):
    """Learners of ``centre`` who completed ``course`` and hold no valid certificate for it."""
    course = CoursePage.objects.source_of(course)
    completed = Enrolment.objects.filter(user=OuterRef("pk"), course=course, completed_at__isnull=False)
    certified = Certificate.objects.valid().filter(learner=OuterRef("pk"), course=course)
    return (
        centre_learners(centre)
        .filter(Exists(completed))
        .exclude(Exists(certified))
        .select_related("home_centre")
        .order_by("display_name", "username")
    )


def start_bulk_issue(centre, course, requested_by):
    """Create the job row and enqueue the background task; returns the job at once."""
    from .tasks import bulk_issue

    job = BulkIssueJob.objects.create(
        centre=centre, course=CoursePage.objects.source_of(course), requested_by=requested_by
    )
    result = bulk_issue.enqueue(job.pk)
    BulkIssueJob.objects.filter(pk=job.pk, task_id="").update(task_id=str(result.id)[:64])
    job.refresh_from_db()
    return job


def run_bulk_issue(job):
    """Issue every awaiting learner's certificate, recording progress on ``job`` as it goes.

    A job found RUNNING was started by a worker that died (the queue ran it again, lms/queue.py): its counts
    were committed together with the certificates they count, so it resumes from them.
    """
    learners = list(awaiting_certificate(job.centre, job.course))
    done = issued = 0
    if job.status == BulkIssueJob.Status.RUNNING:
        done, issued = job.done, job.issued
    BulkIssueJob.objects.filter(pk=job.pk).update(
        status=BulkIssueJob.Status.RUNNING, total=done + len(learners), done=done, issued=issued
    )
    titles = course_titles(job.course)
    try:
        for start in range(0, len(learners), PROGRESS_EVERY):
            # One transaction per chunk (each issue is a savepoint inside it): fewer commits, and the
            # progress count moves together with the certificates it counts.
            with transaction.atomic():
                for learner in learners[start : start + PROGRESS_EVERY]:
                    _certificate, created = issue(
                        learner,
                        job.course,
                        issued_by=job.requested_by,
                        centre=job.centre,
                        titles=titles,
                        require_completion=False,  # awaiting_certificate() selected completed learners only
                    )
                    done += 1
                    issued += int(created)
                BulkIssueJob.objects.filter(pk=job.pk).update(done=done, issued=issued)
    except Exception:
        BulkIssueJob.objects.filter(pk=job.pk).update(
            status=BulkIssueJob.Status.FAILED, done=done, issued=issued, finished_at=timezone.now()
        )
        raise
    BulkIssueJob.objects.filter(pk=job.pk).update(
        status=BulkIssueJob.Status.DONE, done=done, issued=issued, finished_at=timezone.now()
    )
    job.refresh_from_db()
    return job


def on_course_complete(user, course, **kwargs):
    """``lessons.hooks.course_completed`` receiver: auto-issuing courses enqueue the certificate task."""
    if CourseCertificateSettings.auto_issue_for(course):
        from .tasks import issue_certificate

        issue_certificate.enqueue(user.pk, course.pk)
