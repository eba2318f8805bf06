from django.contrib.auth.models import AbstractUser, UserManager
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from lms.fields import optional_fk

mobile_validator = RegexValidator(
    r"^0[0-9]{8,9}$", _("Enter a Thai mobile number of 9 or 10 digits starting with 0, e.g. 0812345678.")
)


class Centre(models.Model):
    """A Community Digital Centre (ศูนย์ดิจิทัลชุมชน)."""

    class Kind(models.TextChoices):
        TEMPLE = "temple", _("Temple")
        MOSQUE = "mosque", _("Mosque")
        SCHOOL = "school", _("School")
        LIBRARY = "library", _("Library")
        VILLAGE_HALL = "village_hall", _("Village hall")
        COOP = "coop", _("Co-operative")
        LOCAL_GOVERNMENT = "local_government", _("Local government office")
        ARMY_CAMP = "army_camp", _("Army camp")
        OTHER = "other", _("Other")

    code = models.CharField(_("code"), max_length=20, unique=True)
    name_th = models.CharField(_("name (Thai)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    province = models.CharField(_("province"), max_length=100, db_index=True)
    district = models.CharField(_("district"), max_length=100, blank=True)

    class Meta:
        ordering = ["province", "name_th"]
        verbose_name = _("centre")
        verbose_name_plural = _("centres")

    def __str__(self):
        return self.name_th

    def display_name(self, language="th"):
        if language.startswith("en") and self.name_en:
            return self.name_en
        return self.name_th


class User(AbstractUser):
    """A person who signs in: by username or Thai mobile number; e-mail is optional."""

    display_name = models.CharField(_("display name"), max_length=150, blank=True)
    mobile = models.CharField(
        _("mobile number"), max_length=10, blank=True, null=True, unique=True, validators=[mobile_validator]
    )
    home_centre = optional_fk(Centre, verbose_name=_("home centre"), related_name="home_users")
    text_size = models.PositiveSmallIntegerField(
        _("text size (%)"), null=True, blank=True, choices=[(100, "100%"), (150, "150%"), (200, "200%")]
    )
    high_contrast = models.BooleanField(_("high contrast"), null=True, blank=True)

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [models.UniqueConstraint(Lower("username"), name="learners_user_username_ci_unique")]

    def get_short_name(self):
        return self.display_name or self.first_name or self.username

    def get_full_name(self):
        return self.display_name or super().get_full_name() or self.username


class Membership(models.Model):
    """A person's role at a centre."""

    class Role(models.TextChoices):
        LEARNER = "learner", _("Learner")
        TRAINER = "trainer", _("Trainer")
        STAFF = "staff", _("Centre staff")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.LEARNER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["user", "centre", "role"], name="unique_membership_role")]
        indexes = [models.Index(fields=["centre", "role"])]

    def __str__(self):
        return f"{self.user} @ {self.centre} ({self.role})"


class DeletionRequest(models.Model):
    """A learner's request to erase their account (PDPA). Staff of their centre confirm it.

    On confirmation the account is deleted; this row stays as a record that the request was honoured,
    with ``user`` set to NULL so it no longer points at anyone.
    """

    user = models.ForeignKey(
        User, null=True, on_delete=models.SET_NULL, related_name="deletion_requests", verbose_name=_("user")
    )
    centre = optional_fk(Centre, verbose_name=_("centre"))
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmed_by = optional_fk(User, verbose_name=_("confirmed by"))

    class Meta:
        verbose_name = _("deletion request")
        verbose_name_plural = _("deletion requests")
        ordering = ["requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(confirmed_at__isnull=True), name="one_open_deletion_request"
            )
        ]

    def __str__(self):
        return f"{self.user_id}: {self.requested_at:%Y-%m-%d}"
