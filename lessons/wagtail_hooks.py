"""Admin hooks for lesson review.

Work-around for a Wagtail 8.0 bug: choosing a workflow action with a comment ("Approve with comment and
publish") adds the action's hidden inputs to the edit form, and the editor's autosave then posts the
whole form as well, so the same action is sent twice at once. The second request finds the workflow
finished (``'NoneType' object has no attribute 'on_action'``, a 500) after saving its stale copy of the
page, which unpublishes it. An autosave (a request that does not accept HTML) may only save a draft.
"""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from wagtail import hooks

ACTIONS = ("action-workflow-action", "action-publish", "action-submit", "action-restart-workflow")


@hooks.register("before_edit_page")
def autosave_never_acts(request, page):
    if request.method == "POST" and not request.accepts("text/html") and any(request.POST.get(a) for a in ACTIONS):
        message = _("An automatic save cannot publish or review a page; the button you chose does that.")
        return JsonResponse({"success": False, "error_code": "action_in_autosave", "error_message": message})
    return None
