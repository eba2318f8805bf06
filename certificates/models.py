from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from learners.models import Centre
from lessons.models import CoursePage
from lms.fields import optional_fk
from lms.jobs import JobStatusMixin

from .codes import generate_code


class CertificateQuerySet(models.QuerySet):
    def valid(self):
        return self.filter(status=Certificate.Status.VALID)


class Certificate(models.Model):
    """A certificate (ใบประกาศนียบัตร) as printed: names and titles are snapshots taken at issue time.

    When the holder's account is erased (PDPA) the row stays, so ``/verify/`` can still say it was genuinely
    issued, but without the person: ``learner`` becomes NULL and the printed name is cleared
    (``services.withdraw_holder``).
    """

    class Status(models.TextChoices):
        VALID = "valid", _("Valid")
        REVOKED = "revoked", _("Revoked")

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="certificates",
    )
    course = models.ForeignKey(
        CoursePage, verbose_name=_("course"), on_delete=models.PROTECT, related_name="certificates"
    )
    centre = optional_fk(Centre, verbose_name=_("centre"), related_name="certificates")
    learner_name = models.CharField(_("name as printed"), max_length=150, blank=True)
    course_title_th = models.CharField(_("course title (Thai)"), max_length=255)
    course_title_en = models.CharField(_("course title (English)"), max_length=255)
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    issued_by = optional_fk(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        help_text=_("Empty when issued automatically on completion."),
    )
    code = models.CharField(_("verification code"), max_length=14, unique=True, default=generate_code)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.VALID)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = optional_fk(settings.AUTH_USER_MODEL)
    revoke_reason = models.CharField(_("reason for revoking"), max_length=500, blank=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "course"], condition=Q(status="valid"), name="one_valid_certificate_per_course"
            ),
            models.CheckConstraint(
                condition=Q(status="valid", revoked_at__isnull=True) | Q(status="revoked", revoked_at__isnull=False),
                name="certificate_revoked_has_time",
            ),
        ]
        indexes = [models.Index(fields=["centre", "-issued_at"]), models.Index(fields=["course", "status"])]

    def __str__(self):
        return f"{self.code} · {self.learner_name}"

    @property
    def is_valid(self):
        return self.status == self.Status.VALID

    @property
    def holder_withdrawn(self):
        """True once the holder's account was erased: the certificate stands, their details are gone."""
        return self.learner_id is None

    def course_title(self, language):
        return self.course_title_en if (language or "").startswith("en") else self.course_title_th


class BulkIssueJob(JobStatusMixin, models.Model):
    """One "issue to everyone who finished" request; the task updates the counts as it goes."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to start")
        RUNNING = "running", _("Issuing")
        DONE = "done", _("Finished")
        FAILED = "failed", _("Failed")

    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="+")
    course = models.ForeignKey(CoursePage, on_delete=models.CASCADE, related_name="+")
    requested_by = optional_fk(settings.AUTH_USER_MODEL, blank=False)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    issued = models.PositiveIntegerField(default=0)
    task_id = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("bulk issue")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.course} @ {self.centre} ({self.status})"

    @property
    def percent(self):
        return 100 if self.finished and not self.total else int(100 * self.done / self.total) if self.total else 0


class CourseCertificateSettings(models.Model):
    """How one course's certificates are issued; edited in the course editor (``lessons.hooks.COURSE_PANELS``).

    A course without a row issues automatically (the default). Read on the course's source page.
    """

    course = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="certificate_settings")
    auto_issue = models.BooleanField(
        _("issue certificate automatically"),
        default=True,
        help_text=_("Issue the certificate as soon as a learner completes the course; otherwise staff approve it."),
    )

    panels = [FieldPanel("auto_issue")]

    class Meta:
        verbose_name = _("certificate settings")
        verbose_name_plural = _("certificate settings")
        constraints = [models.UniqueConstraint(fields=["course"], name="one_certificate_settings_per_course")]

    def __str__(self):
        return str(self.course_id)

    @classmethod
    def auto_issue_for(cls, course):
        """Whether ``course`` (a source page) issues its certificates automatically."""
        auto_issue = cls.objects.filter(course=course).values_list("auto_issue", flat=True).first()
        return True if auto_issue is None else auto_issue


@register_setting(icon="doc-full")
class CertificateSettings(BaseSiteSetting):
    """What every certificate prints besides the learner: the issuer, its logo and the signatory."""

    organisation_name_th = models.CharField(_("organisation name (Thai)"), max_length=200, default="โครงการศูนย์ดิจิทัลชุมชน")
    organisation_name_en = models.CharField(
        _("organisation name (English)"), max_length=200, default="Community Digital Centre Programme"
    )
    logo = optional_fk("wagtailimages.Image", verbose_name=_("logo"))
    signatory_name = models.CharField(_("signatory name"), max_length=150, blank=True)
    signatory_title_th = models.CharField(
        _("signatory title (Thai)"), max_length=200, default="ผู้อำนวยการโครงการศูนย์ดิจิทัลชุมชน"
    )
    signatory_title_en = models.CharField(
        _("signatory title (English)"), max_length=200, default="Director, Community Digital Centre Programme"
    )
    signature = optional_fk(
        "wagtailimages.Image",
        verbose_name=_("signature image"),
        help_text=_("A scan of the signature on a white or transparent background."),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("organisation_name_th"), FieldPanel("organisation_name_en"), FieldPanel("logo")],
            heading=_("Organisation"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("signatory_name"),
                FieldPanel("signatory_title_th"),
                FieldPanel("signatory_title_en"),
                FieldPanel("signature"),
            ],
            heading=_("Signatory"),
        ),
    ]

    class Meta:
        verbose_name = _("certificate settings")


from .badges.models import BadgeCredential  # noqa: E402, F401  (Open Badges credentials: certificates/badges/)
