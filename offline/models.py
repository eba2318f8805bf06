from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.fields import optional_fk


class OfflineAction(models.Model):
    """One action a learner did offline ("mark as done", a quiz answer), received once by its device-made id.

    The unique constraint on (learner, client id) makes the sync idempotent: a retry, a second tab or a
    replay of the same queue finds the stored outcome and changes nothing.
    """

    class Kind(models.TextChoices):
        DONE = "done", _("Lesson marked as done")
        ANSWER = "answer", _("Quiz answer")

    class Status(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        REFUSED = "refused", _("Refused")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="offline_actions")
    client_id = models.UUIDField(_("id made on the device"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    page = optional_fk("wagtailcore.Page", verbose_name=_("page"))
    question_key = models.CharField(_("question key"), max_length=64, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    message = models.CharField(_("message"), max_length=300, blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    done_at = models.DateTimeField(_("done on the device at"), null=True, blank=True)
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)

    class Meta:
        verbose_name = _("offline action")
        verbose_name_plural = _("offline actions")
        constraints = [models.UniqueConstraint(fields=["user", "client_id"], name="offline_action_once")]

    def __str__(self):
        return f"{self.user_id}:{self.client_id} {self.kind} {self.status}"
