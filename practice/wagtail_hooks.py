from wagtail import hooks

from lessons import hooks as lesson_hooks
from lessons.admin_statistics import register_statistics

from . import services
from .admin_views import PracticeStatistics
from .blocks import lesson_blocks

register_statistics(PracticeStatistics())

# Seams of lessons (lessons/hooks.py): practice blocks in the lesson body; every practice block of a course must
# be finished for the course to be complete; the course page lists the practice still to do.
hooks.register(lesson_hooks.LESSON_BODY_BLOCKS, lesson_blocks)
hooks.register(lesson_hooks.COMPLETION_CHECK, services.practices_done)
hooks.register(lesson_hooks.COURSE_PAGE_EXTRAS, lambda: "practice/_course_practice_left.html")
