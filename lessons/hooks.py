"""The seams lessons offers to higher apps (quizzes, certificates, reports and whatever comes next).

Events are Django signals; a receiver is connected in the higher app's ``AppConfig.ready()``:

* ``lesson_done(sender=LessonPage, user, lesson, course)`` — a learner marked a lesson done (source pages).
* ``course_completed(sender=CoursePage, user, course)`` — a learner's enrolment became complete, sent once
  per enrolment, after the completion is stored (``course`` is the source page).
* ``completed_course_destination(sender=CoursePage, user, courses)`` — sent by ``services.resume`` for the
  completed courses (source pages) with no lesson left; a receiver returns
  ``{course.pk: {"url": ..., "title": ...}}``: where "continue" goes then (certificates: the certificate), in
  one query whatever the number of courses.

Contributions are Wagtail hooks (``@hooks.register(NAME)`` in the higher app's ``wagtail_hooks.py``, read
with ``hooks.get_hooks(NAME)``, the registry the apps already use for admin menus):

* ``COMPLETION_CHECK`` — ``fn(user, course) -> bool``; a course is complete only when every check is true.
* ``OUTLINE_STATUSES`` — ``fn(user, pages) -> {page.pk: "done" | "started"}`` for outline items that are not
  lessons (e.g. quizzes), each in a constant number of queries.
* ``MY_LEARNING_EXTRAS`` — ``fn() -> template name`` included in "My learning" (context: ``request``, ``user``,
  ``items``).
* ``COURSE_PAGE_EXTRAS`` — ``fn() -> template name`` included in the course page (``page`` is the course).
* ``COURSE_PANELS`` — ``fn() -> [Panel, ...]`` added to the course editor's content tab
  (``panels.ContributedPanels``), e.g. the certificate settings the certificates app owns.
* ``LESSON_BODY_BLOCKS`` — ``fn() -> [(name, Block), ...]``: blocks a trainer can add to a lesson's body beside
  lessons' own (e.g. practice activities). Read once, when ``LessonPage.body`` first builds its block list
  (``fields.LessonBodyField``), after every app is loaded. The block's template gets the lesson page context
  plus ``block_id`` (the StreamField block id) and ``page``. Contributed blocks are *not* frozen into lessons'
  migrations (lessons' migrations must not depend on higher apps), so a data migration that edits lesson
  bodies must work on the raw JSON, never through the historical model's block definitions.
"""

from django.dispatch import Signal
from wagtail import hooks

lesson_done = Signal()
course_completed = Signal()
completed_course_destination = Signal()

COMPLETION_CHECK = "lessons_completion_check"
OUTLINE_STATUSES = "lessons_outline_statuses"
MY_LEARNING_EXTRAS = "lessons_my_learning_extras"
COURSE_PAGE_EXTRAS = "lessons_course_page_extras"
COURSE_PANELS = "lessons_course_panels"
LESSON_BODY_BLOCKS = "lessons_body_blocks"


def completion_checks():
    return hooks.get_hooks(COMPLETION_CHECK)


def outline_status_providers():
    return hooks.get_hooks(OUTLINE_STATUSES)


def templates(name):
    """The templates contributed under the hook ``name`` (``MY_LEARNING_EXTRAS`` or ``COURSE_PAGE_EXTRAS``)."""
    return [contribute() for contribute in hooks.get_hooks(name)]


def contributed_body_blocks():
    """``[(name, Block)]`` the higher apps add to the lesson body (``LESSON_BODY_BLOCKS``), in hook order."""
    return [pair for contribute in hooks.get_hooks(LESSON_BODY_BLOCKS) for pair in contribute()]
