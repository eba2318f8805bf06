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
        if page is not None and hasattr(page, "get_translation_or_none"):
            url = _page_translation_url(page, code, request)
        if url is None and request is not None:
            url = translate_url(request.get_full_path(), code)
        links.append({"code": code, "name": name, "url": url or f"/{code}/", "current": code == current})
    return {"links": links}


def _page_translation_url(page, code, request):
    from wagtail.models import Locale

    locale = Locale.objects.filter(language_code=code).first()
    if locale is None:
        return None
    translation = page.get_translation_or_none(locale)
    if translation is not None and translation.live:
        return translation.get_url(request)
    fallback = getattr(page, "untranslated_url", None)
    return fallback(code, request) if fallback else None
