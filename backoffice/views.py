"""Admin views for translations: trainers submit them for review; only publishers get the risky tools."""

from functools import wraps

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from wagtail.models import Page
from wagtail_localize.models import Translation

from lms.slugs import romanised_slug

from .services import can_publish, submit_translation_for_review


class TitleForm(forms.Form):
    title = forms.CharField(max_length=Page._meta.get_field("title").max_length, required=False, strip=True)


@require_GET
def slug_for_title(request):
    """The page address the server will save for a title (romanised Thai, ``lms.slugs``), as JSON, so the
    editor shows it while the title is typed instead of Wagtail's vowel-less preview.

    Permission: anyone who may use the admin (Wagtail's admin URLs check it); it reads and writes no data.
    """
    form = TitleForm(request.GET)
    if not form.is_valid():
        limit = TitleForm.base_fields["title"].max_length
        error = _("A title can have at most %(limit)s characters, and no control characters.") % {"limit": limit}
        return JsonResponse({"error": error}, status=400)
    return JsonResponse({"slug": romanised_slug(form.cleaned_data["title"])})


@require_POST
def submit_translation(request, translation_id):
    """Trainers and staff: save the translation as a draft and send it to centre staff for approval.

    Permission: the user must be able to edit the translated page (the page permission Wagtail checks).
    """
    translation = get_object_or_404(Translation, pk=translation_id, enabled=True)
    page = translation.get_target_instance()
    if not isinstance(page, Page) or not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    if page.get_workflow() is None:
        messages.error(request, _("This page has no review step, so it cannot be sent for review."))
        return redirect(edit_url)
    page = submit_translation_for_review(translation, request.user)
    messages.success(
        request,
        _("“%(title)s” has been sent to centre staff for review.") % {"title": page.get_admin_display_title()},
    )
    return redirect(edit_url)


def publishers_only(view):
    """Keep wagtail-localize's PO files, stop-sync and alias conversion from trainers (they lose work)."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if "translation_id" in kwargs:
            instance = get_object_or_404(Translation, pk=kwargs["translation_id"]).get_target_instance()
        else:
            instance = get_object_or_404(Page, pk=kwargs["page_id"])
        if not can_publish(request.user, instance):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return guarded
