from django import template

from learners.permissions import is_centre_staff

register = template.Library()


@register.simple_tag
def user_is_centre_staff(user):
    """True when ``user`` is staff of any centre (for the navigation)."""
    return is_centre_staff(user)
