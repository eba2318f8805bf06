from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail_localize.views import convert, edit_translation

from . import views


@hooks.register("register_admin_urls", order=-10)
def register_admin_urls():
    """Our translation review URL, and guards placed before wagtail-localize's own URLs for the same paths."""
    return [
        path("backoffice/slug/", views.slug_for_title, name="backoffice_slug"),
        path(
            "backoffice/translations/<int:translation_id>/submit/",
            views.submit_translation,
            name="backoffice_submit_translation",
        ),
        path(
            "localize/translate/<int:translation_id>/pofile/download/",
            views.publishers_only(edit_translation.download_pofile),
        ),
        path(
            "localize/translate/<int:translation_id>/pofile/upload/",
            views.publishers_only(edit_translation.upload_pofile),
        ),
        path(
            "localize/translate/<int:translation_id>/disable/",
            views.publishers_only(edit_translation.stop_translation),
        ),
        path(
            "localize/page/<int:page_id>/convert_to_alias/",
            views.publishers_only(convert.convert_to_alias),
        ),
    ]


@hooks.register("construct_page_action_menu")
def hide_alias_conversion_from_trainers(menu_items, request, context):
    """Converting a translation to an alias throws the translation away; only publishers may do it."""
    page = context.get("page")
    if page is not None and not page.permissions_for_user(request.user).can_publish():
        menu_items[:] = [item for item in menu_items if item.name != "localize-convert-to-alias"]


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
