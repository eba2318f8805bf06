"""Who and what the reports count: learner accounts, source courses and their titles, quiz to course."""

from wagtail.models import Page

from learners.permissions import plain_learners
from lessons.models import CoursePage
from quizzes.models import QuizPage


def source_courses():
    """Courses as progress stores them: the source page of each translation set, in site order."""
    return CoursePage.objects.sources().order_by("path")


def course_titles(courses, language):
    """``{course pk: title in language}``, falling back to the source title."""
    courses = list(courses)
    titles = {course.pk: course.title for course in courses}
    keys = {course.translation_key: course.pk for course in courses}
    translated = CoursePage.objects.filter(
        translation_key__in=keys, locale__language_code=(language or "th")[:2]
    ).values_list("translation_key", "title")
    for key, title in translated:
        titles[keys[key]] = title
    return titles


def quiz_courses():
    """``{quiz page pk: course page pk}`` for every quiz below a source course."""
    courses = {course.path: course.pk for course in source_courses()}
    mapping = {}
    for pk, path in QuizPage.objects.values_list("pk", "path"):
        for depth in range(len(path) - Page.steplen, 0, -Page.steplen):
            if path[:depth] in courses:
                mapping[pk] = courses[path[:depth]]
                break
    return mapping


def learners(f=None):
    """Active plain learner accounts in scope (``learners.permissions.plain_learners``, the one rule)."""
    users = plain_learners().filter(is_active=True)
    return users.filter(f.users()) if f is not None else users


def rate(part, whole):
    """A percentage rounded to one decimal, or None when there is nothing to divide by."""
    return round(100 * part / whole, 1) if whole else None
