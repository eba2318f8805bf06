"""Translations go through the same review as any other change to a page."""

from django.db import transaction
from wagtail.models import Page, WorkflowState


def can_publish(user, instance):
    """Whether ``user`` may publish ``instance`` directly (centre staff); trainers may not."""
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_publish()
    return user.is_superuser


def submit_translation_for_review(translation, user):
    """Save the translated strings as a draft of the target page and send it to the page's workflow.

    A workflow sent back for changes resumes; one already awaiting review restarts on the new draft, so the
    reviewer always approves what the trainer last sent. Returns the target page.
    """
    with transaction.atomic():
        translation.save_target(user=user, publish=False)
        page = Page.objects.get(pk=translation.get_target_instance().pk).specific
        workflow_state = page.current_workflow_state
        if workflow_state and workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            workflow_state.resume(user)
        else:
            if workflow_state:
                workflow_state.cancel(user=user)
            page.get_workflow().start(page, user)
    return page
