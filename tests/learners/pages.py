"""Real Wagtail pages for the learners and progress tests (a course with lessons, translations)."""

from wagtail.models import Locale

from lessons.models import CoursePage, LessonPage


def make_course(catalog, slug="course", lessons=3, title="หลักสูตรทดสอบ"):
    """A live course under ``catalog`` (in its language) with ``lessons`` live lessons."""
    course = catalog.add_child(instance=CoursePage(title=title, slug=slug, summary="สรุปหลักสูตร", locale=catalog.locale))
    pages = [
        course.add_child(
            instance=LessonPage(title=f"{title} บทที่ {n}", slug=f"{slug}-{n}", intro="บทนำ", locale=catalog.locale)
        )
        for n in range(1, lessons + 1)
    ]
    return course, pages


def translate(page, language="en", title=None):
    """A published translation of ``page`` (its parent must be translated already)."""
    locale, _ = Locale.objects.get_or_create(language_code=language)
    translation = page.copy_for_translation(locale)
    translation.title = title or f"{page.title} ({language})"
    translation.save_revision().publish()
    return translation
