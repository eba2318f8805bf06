"""Mark as done (htmx and plain POST), "My learning", and the outline/progress on course and lesson pages."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from lessons import services
from lessons.models import Enrolment, LessonProgress
from tests.factories import UserFactory, make_course_with_lessons, translate


@pytest.fixture
def course(site):
    course, lessons = make_course_with_lessons(site["catalog"], slug="selling", lessons=3, title="ขายของออนไลน์")
    return {"course": course, "lessons": lessons, **site}


def done_url(course, lesson):
    """The lesson's "done/" sub-route (``course`` is where the lesson lives; routing checks it)."""
    return f"{lesson.url}done/"


def test_plain_post_marks_done_and_returns_to_the_lesson(client, course):
    user = UserFactory()
    client.force_login(user)
    lesson = course["lessons"][0]
    response = client.post(done_url(course["course"], lesson), {"next": lesson.url})
    assert response.status_code == 302 and response["Location"] == lesson.url
    progress = LessonProgress.objects.get(user=user, lesson=lesson)
    assert progress.completed_at is not None and progress.started_at <= progress.completed_at
    assert Enrolment.objects.get(user=user).last_lesson_id == lesson.pk


def test_htmx_post_returns_the_fragment_with_the_new_state_and_bar(client, course):
    client.force_login(UserFactory())
    lesson = course["lessons"][1]
    response = client.post(done_url(course["course"], lesson), {"next": lesson.url}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert 'id="lesson-progress"' in html and "คุณเรียนบทนี้จบแล้ว" in html
    assert 'aria-valuenow="1"' in html and "เรียนจบแล้ว 1 จาก 3 บทเรียน" in html
    assert 'hx-swap-oob="true"' in html and html.count("status-done") == 1


def test_double_post_and_second_tab_keep_one_record(client, course):
    user = UserFactory()
    client.force_login(user)
    second_tab = Client()
    second_tab.force_login(user)
    lesson = course["lessons"][0]
    client.post(done_url(course["course"], lesson))
    first = LessonProgress.objects.get(user=user, lesson=lesson).completed_at
    client.post(done_url(course["course"], lesson), HTTP_HX_REQUEST="true")
    second_tab.post(done_url(course["course"], lesson))
    assert LessonProgress.objects.filter(user=user).count() == 1
    assert Enrolment.objects.filter(user=user).count() == 1
    assert LessonProgress.objects.get(user=user, lesson=lesson).completed_at == first


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_double_click_gives_one_record(site):
    course, lessons = make_course_with_lessons(site["catalog"], slug="race", lessons=2)
    user = UserFactory()
    url = done_url(course, lessons[0])
    barrier = threading.Barrier(4)
    statuses = []

    def click():
        browser = Client()
        browser.force_login(user)
        barrier.wait()
        statuses.append(browser.post(url, HTTP_HX_REQUEST="true").status_code)
        connection.close()

    threads = [threading.Thread(target=click) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200] * 4
    assert LessonProgress.objects.filter(user=user).count() == 1
    assert Enrolment.objects.filter(user=user).count() == 1


def test_mark_done_is_post_only(client, course):
    client.force_login(UserFactory())
    assert client.get(done_url(course["course"], course["lessons"][0])).status_code == 405


def test_anonymous_visitor_is_sent_to_sign_in_and_nothing_is_saved(client, course):
    lesson = course["lessons"][0]
    plain = client.post(done_url(course["course"], lesson), {"next": lesson.url})
    assert plain.status_code == 302 and reverse("learners:login") in plain["Location"]
    htmx = client.post(done_url(course["course"], lesson), HTTP_HX_REQUEST="true")
    assert htmx.status_code == 401 and reverse("learners:login") in htmx["HX-Redirect"]
    assert not LessonProgress.objects.exists() and not Enrolment.objects.exists()


def test_wrong_addresses_are_translated_404s_and_save_nothing(client, course):
    client.force_login(UserFactory())
    c, lesson = course["course"], course["lessons"][0]
    for url in (
        f"{c.url}no-such-lesson/done/",  # no such lesson in this course
        f"{c.url}done/",  # a course has no "done"
        f"{lesson.url}done/extra/",
        f"/th/no-such-course/{lesson.slug}/done/",
    ):
        response = client.post(url)
        assert response.status_code == 404 and "ไม่พบหน้านี้" in response.content.decode(), url
    lesson.unpublish()
    assert client.post(done_url(c, lesson)).status_code == 404
    assert not LessonProgress.objects.exists() and not Enrolment.objects.exists()


def test_an_unsafe_next_is_ignored(client, course):
    client.force_login(UserFactory())
    lesson = course["lessons"][0]
    response = client.post(done_url(course["course"], lesson), {"next": "https://evil.example/"})
    assert response["Location"] == lesson.url


def test_lesson_page_shows_the_button_then_done_state_and_the_bar(client, course):
    user = UserFactory()
    client.force_login(user)
    lesson = course["lessons"][0]
    html = client.get(lesson.url).content.decode()
    assert "ทำเครื่องหมายว่าเรียนจบแล้ว" in html and f'hx-post="{done_url(course["course"], lesson)}"' in html
    assert "เรียนจบแล้ว 0 จาก 3 บทเรียน" in html
    services.mark_done(user, lesson)
    html = client.get(lesson.url).content.decode()
    assert "คุณเรียนบทนี้จบแล้ว" in html and "เรียนจบแล้ว 1 จาก 3 บทเรียน" in html


def test_anonymous_reader_reads_lessons_and_is_invited_to_sign_in(client, course):
    lesson = course["lessons"][0]
    for url in (lesson.url, course["course"].url):
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200 and "เข้าสู่ระบบเพื่อบันทึกความก้าวหน้า" in html
        assert "ทำเครื่องหมายว่าเรียนจบแล้ว" not in html
    assert not LessonProgress.objects.exists()


def test_course_page_outline_shows_each_lessons_status_and_the_bar(client, course):
    user = UserFactory()
    client.force_login(user)
    first, second, _third = course["lessons"]
    services.mark_done(user, first)
    services.start_lesson(user, second)
    html = client.get(course["course"].url).content.decode()
    assert (
        html.count("status-done") == 1 and html.count("status-started") == 1 and html.count("status-not_started") == 1
    )
    assert "เรียนจบแล้ว 1 จาก 3 บทเรียน" in html


def test_my_learning_invites_anonymous_visitors(client, course):
    response = client.get(reverse("lessons:my_learning"))
    assert response.status_code == 200 and "เข้าสู่ระบบเพื่อบันทึกความก้าวหน้า" in response.content.decode()


def test_my_learning_lists_only_my_courses_and_continues_at_my_last_lesson(client, course):
    me, someone = UserFactory(), UserFactory()
    other_course, other_lessons = make_course_with_lessons(
        course["catalog"], slug="safety", lessons=2, title="ใช้เน็ตปลอดภัย"
    )
    services.mark_done(me, course["lessons"][0])
    services.start_lesson(me, course["lessons"][1])
    services.mark_done(someone, other_lessons[0])
    client.force_login(me)
    html = client.get(reverse("lessons:my_learning")).content.decode()
    assert "ขายของออนไลน์" in html and "ใช้เน็ตปลอดภัย" not in html
    assert "เรียนต่อจากที่ค้างไว้" in html
    assert f'class="button continue-link" href="{course["lessons"][1].url}"' in html
    assert "เรียนจบแล้ว 1 จาก 3 บทเรียน" in html


def test_continue_opens_the_next_lesson_in_the_readers_language(client, course):
    english_course = translate(course["course"], title="Selling online")
    english_lessons = [translate(lesson, title=f"Lesson {n}") for n, lesson in enumerate(course["lessons"], 1)]
    me = UserFactory()
    client.force_login(me)
    for lesson in english_lessons[:2]:  # done in English: progress is stored on the Thai source pages
        client.post(done_url(english_course, lesson))
    client.get(english_lessons[2].url)
    assert Enrolment.objects.get(user=me).last_lesson_id == course["lessons"][2].pk
    english = client.get("/en/learning/").content.decode()
    assert f'href="{english_lessons[2].url}"' in english and "Selling online" in english
    assert "Continue where you left off" in english
    thai = client.get("/th/learning/").content.decode()
    assert f'href="{course["lessons"][2].url}"' in thai and english_course.url not in thai


def test_my_learning_needs_a_constant_number_of_queries(client, course, django_assert_max_num_queries):
    me = UserFactory()
    for n in range(4):
        _c, lessons = make_course_with_lessons(course["catalog"], slug=f"extra-{n}", lessons=2)
        services.mark_done(me, lessons[0])
    client.force_login(me)
    with django_assert_max_num_queries(25) as few:
        client.get(reverse("lessons:my_learning"))
    for n in range(4, 10):
        _c, lessons = make_course_with_lessons(course["catalog"], slug=f"extra-{n}", lessons=2)
        services.mark_done(me, lessons[0])
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("lessons:my_learning"))
