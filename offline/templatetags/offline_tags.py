from django import template
from django.utils.crypto import salted_hmac

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
    return {"offline_strings": strings(), "owner": owner, "LANGUAGE_CODE": context.get("LANGUAGE_CODE")}
