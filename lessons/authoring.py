"""Authoring a lesson in few steps: a new lesson starts with a useful set of blocks, lands before the course's
quiz, a translated page takes its source's place among its translated siblings, and a trainer who may edit a
course may put its lessons in order."""

from django.urls import reverse
from wagtail.models import Page, PagePermissionTester

# A heading, a paragraph, two numbered steps and a picture: what most lessons are made of.
STARTER_BODY = [
    {"type": "heading", "value": ""},
    {"type": "paragraph", "value": ""},
    {
        "type": "steps",
        "value": {
            "title": "",
            "steps": [{"title": "", "text": "", "image": None, "image_alt": ""} for _ in range(2)],
        },
    },
    {"type": "image", "value": {"image": None, "alt": "", "caption": ""}},
]


class CoursePermissionTester(PagePermissionTester):
    """Whoever may edit a course may put its lessons and quiz in order.

    Wagtail lets only publishers reorder children, as the order is live at once. For a course the order is
    not content: it changes no text, it is undone by dragging back, and the page history records it.
    """

    def can_reorder_children(self):
        return super().can_reorder_children() or (self.user.is_active and self.can_edit())


class CourseChildPermissionTester(PagePermissionTester):
    """A lesson or quiz may be put in another place in its own course by whoever may reorder the course
    (moving it to another course still needs Wagtail's move permission)."""

    def can_move_to(self, destination):
        if self.page.is_child_of(destination) and destination.permissions_for_user(self.user).can_reorder_children():
            return True
        return super().can_move_to(destination)


def add_lesson_url(course):
    """The editor of a new lesson in ``course`` (no page-type choice to make)."""
    return reverse("wagtailadmin_pages:add", args=["lessons", "lessonpage", course.pk])


def can_add_lesson(course, user):
    from .models import LessonPage

    return course.permissions_for_user(user).can_add_subpage() and LessonPage.can_create_at(course)


def start_with_blocks(lesson):
    """Give a lesson that is being created (not yet saved) the starter blocks, unless it has a body already."""
    if not lesson.body:
        lesson.body = STARTER_BODY


def place_before_quiz(lesson):
    """Move a newly created lesson just after its course's last other lesson: before the quiz, which ends
    the course. The first lesson of a course goes first."""
    from .models import LessonPage

    siblings = lesson.get_siblings(inclusive=False).order_by("path")
    last_lesson = siblings.type(LessonPage).last()
    if last_lesson is not None:
        if last_lesson.get_next_sibling().pk != lesson.pk:
            lesson.move(last_lesson, pos="right")
    elif siblings.exists():
        lesson.move(siblings.first(), pos="left")
    else:
        return
    # Translations made before (e.g. aliases of a synchronised locale) follow the lesson to its new place.
    for translation in Page.objects.filter(translation_key=lesson.translation_key).exclude(pk=lesson.pk):
        follow_source_order(translation, lesson)


def follow_source_order(translation, source):
    """Put ``translation`` where ``source`` sits among its siblings: just after the translation of the nearest
    earlier sibling that has one under the same parent, else just before the nearest later one's. A lesson
    translated on its own thus lands before the translated course's quiz, as its source does.

    ``translation`` is updated in place (its tree path), so a caller holding it may save it afterwards.
    """
    source = Page.objects.get(pk=source.pk)  # its path may have changed since it was loaded
    if source.is_root() or translation.is_sibling_of(source):
        return
    siblings = source.get_siblings().filter(locale_id=source.locale_id).order_by("path")
    source_keys = list(siblings.values_list("translation_key", flat=True))
    here = source_keys.index(source.translation_key)
    translated = dict(
        Page.objects.sibling_of(translation, inclusive=False)
        .filter(translation_key__in=source_keys)
        .values_list("translation_key", "pk")
    )
    earlier = [translated[key] for key in source_keys[:here] if key in translated]
    later = [translated[key] for key in source_keys[here + 1 :] if key in translated]
    if earlier:
        target, pos = Page.objects.get(pk=earlier[-1]), "right"
        if getattr(target.get_next_sibling(), "pk", None) == translation.pk:
            return
    elif later:
        target, pos = Page.objects.get(pk=later[0]), "left"
        if getattr(target.get_prev_sibling(), "pk", None) == translation.pk:
            return
    else:
        return
    Page.objects.get(pk=translation.pk).move(target, pos=pos)
    translation.path = Page.objects.values_list("path", flat=True).get(pk=translation.pk)
