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


@register.simple_tag(takes_context=True)
def practice_left_in(context, course):
    """``[{"title", "url"}]``: practice blocks the signed-in reader has not finished in ``course``, linked to their
    place in the lesson in the reader's language (two queries once the source course is known, three for a
    translated course); [] for anonymous readers."""
    from lessons.models import CoursePage, LessonPage
    from practice.services import practice_left

    request = context["request"]
    if not request.user.is_authenticated:
        return []
    left = practice_left(request.user, CoursePage.objects.source_of(course))
    if not left:
        return []
    shown = {lesson.translation_key: lesson for lesson, _a in left}
    if any(lesson.locale_id != course.locale_id for lesson in shown.values()):  # a translation of the course
        shown = {
            lesson.translation_key: lesson
            for lesson in LessonPage.objects.live().filter(locale_id=course.locale_id, translation_key__in=shown)
        }
    rows = []
    for lesson, activity in left:
        page = shown.get(lesson.translation_key, lesson)
        title = next((a.title for a in _activities(page) if a.key == activity.key), activity.title)
        rows.append({"title": title, "lesson": page.title, "url": f"{page.get_url(request)}#activity-{activity.key}"})
    return rows


def _activities(page):
    from practice.activities import activities_of

    return activities_of(page).values()
