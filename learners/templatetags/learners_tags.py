from django import template

from learners.permissions import is_centre_staff

register = template.Library()


@register.simple_tag(takes_context=True)
def user_is_centre_staff(context):
    """True when the signed-in user is staff of any centre (for the navigation)."""
    return is_centre_staff(context["request"].user)
