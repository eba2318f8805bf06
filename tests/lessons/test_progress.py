"""The progress service: catalogue figures in constant queries, in any language."""

from lessons import services
from tests.factories import UserFactory, make_course_with_lessons, translate


def test_progress_by_course_matches_course_progress_for_each_course(site):
    user = UserFactory()
    a, a_lessons = make_course_with_lessons(site["catalog"], slug="a", lessons=3)
    b, b_lessons = make_course_with_lessons(site["catalog"], slug="b", lessons=2)
    empty, _ = make_course_with_lessons(site["catalog"], slug="empty", lessons=0)
    services.mark_done(user, a_lessons[0])
    services.mark_done(user, a_lessons[2])
    services.start_lesson(user, b_lessons[0])
    b_lessons[1].unpublish()
    figures = services.progress_by_course(user, [a, b, empty])
    assert figures == {a.pk: (2, 3), b.pk: (0, 1), empty.pk: (0, 0)}
    for course in (a, b, empty):
        assert figures[course.pk] == services.course_progress(user, course)


def test_progress_by_course_for_translated_courses_and_anonymous_users(site, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    user = UserFactory()
    course, lessons = make_course_with_lessons(site["catalog"], slug="t", lessons=2)
    english = translate(course, title="Course")
    services.mark_done(user, lessons[1])
    assert services.progress_by_course(user, [english]) == {english.pk: (1, 2)}
    assert services.progress_by_course(AnonymousUser(), [course, english]) == {course.pk: (0, 2), english.pk: (0, 2)}
    assert services.progress_by_course(user, []) == {}


def test_progress_by_course_uses_a_constant_number_of_queries(site, django_assert_num_queries):
    user = UserFactory()
    courses = []
    for n in range(8):
        course, lessons = make_course_with_lessons(site["catalog"], slug=f"c{n}", lessons=3)
        services.mark_done(user, lessons[0])
        courses.append(course)
    with django_assert_num_queries(3):
        figures = services.progress_by_course(user, courses)
    assert set(figures.values()) == {(1, 3)}


def test_anonymise_progress_keeps_counts_without_the_person(site):
    from lessons.models import AnonymousProgress

    user = UserFactory()
    course, lessons = make_course_with_lessons(site["catalog"], slug="anon", lessons=2)
    for lesson in lessons:
        services.mark_done(user, lesson)
    services.anonymise_progress(user)
    row = AnonymousProgress.objects.get()
    assert (row.course_id, row.centre_id, row.lessons_completed, row.completed) == (
        course.pk,
        user.home_centre_id,
        2,
        True,
    )
    assert [f.name for f in AnonymousProgress._meta.get_fields() if f.name in ("user", "user_id")] == []
