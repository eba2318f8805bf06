from urllib.parse import urlencode

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.widgets import ListingButton
from wagtail.models import Locale
from wagtail_localize.views import convert, edit_translation

from . import views


@hooks.register("register_admin_urls", order=-10)
def register_admin_urls():
    """Our translation review URL, and guards placed before wagtail-localize's own URLs for the same paths."""
    publishers_only = [
        ("translate/<int:translation_id>/pofile/download/", edit_translation.download_pofile),
        ("translate/<int:translation_id>/pofile/upload/", edit_translation.upload_pofile),
        ("translate/<int:translation_id>/disable/", edit_translation.stop_translation),
        ("page/<int:page_id>/convert_to_alias/", convert.convert_to_alias),
    ]
    return [
        path("backoffice/slug/", views.slug_for_title, name="backoffice_slug"),
        path(
            "backoffice/translations/<int:translation_id>/submit/",
            views.submit_translation,
            name="backoffice_submit_translation",
        ),
        *(path(f"localize/{route}", views.publishers_only(view)) for route, view in publishers_only),
    ]


@hooks.register("construct_page_action_menu")
def hide_alias_conversion_from_trainers(menu_items, request, context):
    """Converting a translation to an alias throws the translation away; only publishers may do it."""
    page = context.get("page")
    if page is not None and not page.permissions_for_user(request.user).can_publish():
        menu_items[:] = [item for item in menu_items if item.name != "localize-convert-to-alias"]


@hooks.register("register_page_listing_buttons")
def translate_into_buttons(page, user, next_url=None):
    """ "Translate into English" on each row that has no English yet: one click opens wagtail-localize's form
    with that language already chosen (its "Translate this page" in the row's menu stays, with nothing chosen)."""
    if page.is_root() or not user.has_perm("wagtail_localize.submit_translation"):
        return
    translated = page.get_translations(inclusive=True).filter(alias_of__isnull=True).values_list("locale_id")
    url = reverse("wagtail_localize:submit_page_translation", args=[page.alias_of_id or page.pk])
    for locale in Locale.objects.exclude(id__in=translated):
        yield ListingButton(
            _("Translate into %(language)s") % {"language": locale.get_display_name()},
            f"{url}?{urlencode({'select_locale': locale.language_code})}",
            icon_name="wagtail-localize-language",
            priority=20,
        )


@hooks.register("insert_global_admin_css")
def thai_admin_font():
    """The Thai font the learners' pages use (shipped with the project), first in the admin's font stack, so Thai
    labels are readable on a PC without a Thai font."""
    return format_html(
        '<link rel="stylesheet" href="{}"><link rel="stylesheet" href="{}">',
        static("css/thai-font.css"),
        static("backoffice/admin-thai-font.css"),
    )


@hooks.register("insert_editor_js")
def slug_preview():
    """While a new page's title is typed, its address field shows the romanised slug the server will save."""
    return format_html(
        '<script src="{}" data-slug-url="{}" defer></script>',
        static("backoffice/slug-preview.js"),
        reverse("backoffice_slug"),
    )
