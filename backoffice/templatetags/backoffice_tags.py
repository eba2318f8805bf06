from django import template
from django.urls import reverse
from wagtail.models import WorkflowState

from backoffice.services import can_publish

register = template.Library()


@register.filter
def user_can_publish(instance, user):
    return can_publish(user, instance)


@register.inclusion_tag("backoffice/_translation_review_footer.html", takes_context=True)
def translation_review_footer(context, translation, page):
    workflow_state = page.current_workflow_state
    return {
        "csrf_token": context.get("csrf_token"),
        "submit_url": reverse("backoffice_submit_translation", args=[translation.pk]),
        "preview_url": reverse("wagtail_localize:preview_translation", args=[translation.pk]),
        "in_review": workflow_state is not None and workflow_state.status == WorkflowState.STATUS_IN_PROGRESS,
        "needs_changes": workflow_state is not None and workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES,
    }
