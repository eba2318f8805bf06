"""Who and what the reports count: learner accounts, source courses and their titles, quiz to course."""

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef
from wagtail.models import Page

from learners.models import Membership
from learners.permissions import CENTRE_STAFF_GROUP
from lessons.models import CoursePage
from quizzes.models import QuizPage

from ..permissions import NATIONAL_STAFF_GROUP


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
    """Active learner accounts in scope: no admin flags, no staff or trainer role, in no staff group."""
    User = get_user_model()
    other_roles = Membership.objects.filter(
        user=OuterRef("pk"), role__in=[Membership.Role.STAFF, Membership.Role.TRAINER]
    )
    staff_groups = User.groups.through.objects.filter(
        user_id=OuterRef("pk"), group__name__in=[NATIONAL_STAFF_GROUP, CENTRE_STAFF_GROUP]
    )
    users = User.objects.filter(is_active=True, is_superuser=False, is_staff=False).filter(
        ~Exists(other_roles), ~Exists(staff_groups)
    )
    return users.filter(f.users()) if f is not None else users


def rate(part, whole):
    """A percentage rounded to one decimal, or None when there is nothing to divide by."""
    return round(100 * part / whole, 1) if whole else None
