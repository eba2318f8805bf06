import json

from django import template
from django.utils.crypto import salted_hmac
from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe

from ..strings import strings

register = template.Library()


@register.inclusion_tag("offline/_head.html", takes_context=True)
def offline_head(context):
    """The manifest link, theme colour, offline scripts and their texts; ``owner`` lets the script wipe a
    previous learner's saved data when someone else signs in on the same browser (never the user id itself)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    owner = ""
    if user is not None and user.is_authenticated:
        owner = salted_hmac("offline.owner", str(user.pk)).hexdigest()[:20]
    return {"offline_json": _json(strings()), "owner": owner, "LANGUAGE_CODE": context.get("LANGUAGE_CODE")}


def _json(value):
    """``json_script``'s escaping of <, > and &, but Thai as UTF-8, not six-byte \\u escapes (half the bytes)."""
    return mark_safe(json.dumps(value, ensure_ascii=False).translate(_json_script_escapes))
