"""Site-wide template tags, available in every template (a builtin, see settings)."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info

from lms.dates import format_date

register = template.Library()


@register.filter
def thai_date(value):
    """Format a date in the active language: Buddhist-era year when Thai is active."""
    return format_date(value, get_language())


@register.inclusion_tag("lms/_language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to this page in every language: the page's translation when it exists."""
    request = context.get("request")
    page = context.get("page")
    current = get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        name = get_language_info(code)["name_local"]
        url = None
        if code == current:
            links.append({"code": code, "name": name, "url": None, "current": True})
            continue
        if page is not None and hasattr(page, "translation_key"):
            url = _page_translation_url(page, code, request)
        if url is None and request is not None:
            url = translate_url(request.get_full_path(), code)
        links.append({"code": code, "name": name, "url": url or f"/{code}/", "current": code == current})
    return {"links": links}


def _page_translation_url(page, code, request):
    """The live translation's URL (one query), else the page's own fallback URL for that language."""
    from wagtail.models import Page

    source = page.__dict__.get("_source_page")  # the page's source, when something already loaded it
    if source is not None and source.live and source.locale.language_code == code:
        return source.get_url(request)
    known = page.__dict__.get("_live_translations")  # {code: Page}, when something already loaded them
    if known is not None:
        translation = known.get(code)
    else:
        translation = (
            Page.objects.filter(translation_key=page.translation_key, locale__language_code=code, live=True)
            .only("id", "url_path", "locale_id")
            .first()
        )
    if translation is not None:
        return translation.get_url(request)
    fallback = getattr(page, "untranslated_url", None)
    return fallback(code, request) if fallback else None
