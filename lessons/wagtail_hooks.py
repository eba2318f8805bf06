"""Admin hooks for lesson authoring and review.

Authoring (``authoring``): "add a lesson" on a course, starter blocks, new lessons before the quiz (also when
made by translation), and "submit for review" as a trainer's main button.

Review: a work-around for a Wagtail 8.0 bug: choosing a workflow action with a comment ("Approve with comment and
publish") adds the action's hidden inputs to the edit form, and the editor's autosave then posts the
whole form as well, so the same action is sent twice at once. The second request finds the workflow
finished (``'NoneType' object has no attribute 'on_action'``, a 500) after saving its stale copy of the
page, which unpublishes it. An autosave (a request that does not accept HTML) may only save a draft.
"""

from django.dispatch import receiver
from django.http import JsonResponse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.actions.copy_for_translation import CopyPageForTranslationAction
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.views.pages.create import CreateView
from wagtail.admin.widgets import ListingButton
from wagtail.signals import copy_for_translation_done, init_new_page

from . import authoring
from .models import CoursePage, LessonPage

ACTIONS = ("action-workflow-action", "action-publish", "action-submit", "action-restart-workflow")


@hooks.register("before_edit_page")
def autosave_never_acts(request, page):
    if request.method == "POST" and not request.accepts("text/html") and any(request.POST.get(a) for a in ACTIONS):
        message = _("An automatic save cannot publish or review a page; the button you chose does that.")
        return JsonResponse({"success": False, "error_code": "action_in_autosave", "error_message": message})
    return None


@hooks.register("before_create_page")
def autosave_never_creates(request, parent_page, page_class):
    """Wagtail 8.0's autosave posts a new page's form to the create view too, and when it fires while the
    author's own button is being sent, the course gets the same lesson twice. A new page is created only by
    a button; autosave (told its revision is invalid, so it stops) resumes in the editor after that."""
    if request.method == "POST" and not request.accepts("text/html"):
        message = _("A new page is saved when you press a button below; automatic saving starts after that.")
        return JsonResponse({"success": False, "error_code": "invalid_revision", "error_message": message})
    return None


@receiver(init_new_page, sender=CreateView)
def new_lesson_starts_with_blocks(sender, page, parent, **kwargs):
    if isinstance(page, LessonPage):
        authoring.start_with_blocks(page)


@hooks.register("after_create_page")
def new_lesson_goes_before_the_quiz(request, page):
    if isinstance(page.specific, LessonPage):
        authoring.place_before_quiz(page)


@receiver(copy_for_translation_done, sender=CopyPageForTranslationAction)
def translation_keeps_the_source_order(sender, source_obj, target_obj, **kwargs):
    """A lesson translated on its own (or a course with its lessons) keeps the course order: the new page goes
    where its source sits, e.g. before the translated course's quiz."""
    authoring.follow_source_order(target_obj, source_obj)


class AddLessonButton(PageMenuItem):
    """ "Add a lesson" on a course, in the page listing and the course's header menu."""

    label = gettext_lazy("Add a lesson")
    icon_name = "plus"

    def is_shown(self, user):
        return issubclass(self.page.specific_class or object, CoursePage) and authoring.can_add_lesson(self.page, user)

    @cached_property
    def url(self):
        return authoring.add_lesson_url(self.page)


@hooks.register("register_page_listing_buttons")
def add_lesson_listing_button(page, user, next_url=None):
    button = AddLessonButton(page=page, priority=5)
    if button.is_shown(user):
        yield ListingButton(button.label, button.url, icon_name="plus", priority=5)


@hooks.register("register_page_header_buttons")
def add_lesson_header_button(page, user, view_name, next_url=None):
    yield AddLessonButton(page=page, priority=12)


@hooks.register("construct_page_action_menu")
def submit_for_review_first_for_trainers(menu_items, request, context):
    """A trainer cannot publish: their main button sends the lesson to centre staff, not "save draft"."""
    page = context.get("page")
    page = page if page is not None and page.pk else context.get("parent_page")
    if page is None or page.permissions_for_user(request.user).can_publish():
        return
    submit = [item for item in menu_items if item.name == "action-submit"]
    if submit:
        menu_items[:] = submit + [item for item in menu_items if item.name != "action-submit"]
