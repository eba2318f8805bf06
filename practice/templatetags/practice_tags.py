"""Template filters for practice activities."""

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()

# Anything that looks like a web address: shown as link-coloured text that cannot be opened.
ADDRESS = re.compile(
    r"(?:https?://|www\.)[^\s<>\"']+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|co|th|info|xyz|top|cc|me|ly)(?:/[^\s<>\"']*)?",
    re.I,
)


@register.filter
def sim_text(text):
    """Escape ``text`` and mark web addresses as ``<span class="sim-link">``: links never leave the page."""
    escaped = escape(text or "")
    return mark_safe(ADDRESS.sub(lambda match: f'<span class="sim-link">{match.group(0)}</span>', escaped))


@register.filter
def baht(value):
    """``1234.5`` → ``1,234.50``."""
    try:
        return f"{value:,.2f}"
    except (TypeError, ValueError):
        return value
