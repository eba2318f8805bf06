"""Progress for templates: the state of one lesson for the reader, and counts from a course outline."""

from django import template

from lessons import services
from lessons.models import LessonPage
from lms.inputs import safe_next

register = template.Library()


@register.simple_tag
def outline_progress(outline):
    """``{"done": n, "total": n}`` lessons in an outline from ``services.outline`` (quizzes not counted)."""
    lessons = [item for item in outline if isinstance(item["page"], LessonPage)]
    return {"done": sum(1 for item in lessons if item["status"] == "done"), "total": len(lessons)}


@register.simple_tag(takes_context=True)
def lesson_progress(context, page):
    """State of lesson ``page`` for the reader: status, course counts, the mark-done URL and where to return.

    Reuses ``outline`` and ``course`` from the lesson page's context when present (no extra queries).
    """
    request = context["request"]
    course = context.get("course") or page.get_parent().specific
    outline = context.get("outline")
    if outline is None:
        outline = services.outline(request.user, course)
    status = next((item["status"] for item in outline if item["page"].pk == page.pk), "not_started")
    back = safe_next(request, page.get_url(request)) if request.method == "POST" else request.get_full_path()
    return {
        "status": status,
        "mark_done_url": page.get_url(request) + page.reverse_subpage("mark_done"),
        "next": back,
        **outline_progress(outline),
    }


@register.simple_tag(takes_context=True)
def course_progress_map(context, courses):
    """``{% course_progress_map courses as progress %}``: the reader's figures for a list of courses.

    Three queries whatever the number of courses (``services.progress_by_course``); read one course with
    ``progress|progress_of:course``.
    """
    return services.progress_by_course(context["request"].user, courses)


@register.filter
def progress_of(progress, course):
    """``{"done": n, "total": n}`` for ``course`` from a ``course_progress_map`` result."""
    done, total = progress.get(course.pk, (0, 0))
    return {"done": done, "total": total}
