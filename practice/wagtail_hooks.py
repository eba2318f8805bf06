from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from lessons import hooks as lesson_hooks
from lessons.admin_statistics import register_statistics
from lessons.models import LessonPage

from . import admin_views, services
from .blocks import lesson_blocks

PracticeStatisticsButton = register_statistics(
    prefix="practice",
    views=admin_views,
    label=_("Practice statistics"),
    icon_name="mobile-alt",
    menu_name="practice-statistics",
    order=710,
    shows=lambda page: page.specific_class is LessonPage,
    priority=46,
)

# Seams of lessons (lessons/hooks.py): practice blocks in the lesson body; every practice block of a course must
# be finished for the course to be complete; the course page lists the practice still to do.
hooks.register(lesson_hooks.LESSON_BODY_BLOCKS, lesson_blocks)
hooks.register(lesson_hooks.COMPLETION_CHECK, services.practices_done)
hooks.register(lesson_hooks.COURSE_PAGE_EXTRAS, lambda: "practice/_course_practice_left.html")
