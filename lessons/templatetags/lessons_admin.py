from django import template
from django.utils.translation import gettext as _
from wagtail.admin.widgets import HeaderButton

from lessons import authoring
from lessons.models import CoursePage

register = template.Library()


@register.simple_tag(takes_context=True)
def add_lesson_button(context, page):
    """A labelled "add a lesson" button for the header of a course's page listing (None elsewhere)."""
    request = context.get("request")
    if page is None or request is None or not issubclass(page.specific_class or object, CoursePage):
        return None
    if not authoring.can_add_lesson(page, request.user):
        return None
    return HeaderButton(_("Add a lesson"), url=authoring.add_lesson_url(page), icon_name="plus", priority=0)
