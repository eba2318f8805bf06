"""Thai titles make readable ASCII addresses that survive LINE; a changed address keeps working."""

import pytest

from lms.slugs import romanised_slug
from tests.factories import make_course, make_lesson

pytestmark = pytest.mark.django_db


def test_thai_titles_are_romanised_with_every_word_kept():
    assert romanised_slug("ตอบแชตลูกค้าให้ไว") == "top-chaet-lukkha-hai-wai"
    assert romanised_slug("น้ำพริกแม่สำราญ") == "namprik-mae-samran"
    assert romanised_slug("ขาย OTOP บน Shopee 2569") == "khai-otop-bon-shopee-2569"


def test_a_lesson_saved_with_the_admins_vowel_less_slug_gets_a_readable_one(site, client):
    course, _ = make_course(site["catalog"], slug="safe-chat", lessons=0)
    lesson = make_lesson(course, slug="ตอบแชตลกคาใหไว", title="ตอบแชตลูกค้าให้ไว")
    twin = make_lesson(course, slug="", title="ตอบแชตลูกค้าให้ไว")

    assert lesson.slug == "top-chaet-lukkha-hai-wai"
    assert twin.slug == "top-chaet-lukkha-hai-wai-2"
    response = client.get(lesson.url)
    assert response.status_code == 200
    assert "ตอบแชตลูกค้าให้ไว" in response.content.decode()
    assert lesson.url.endswith("/safe-chat/top-chaet-lukkha-hai-wai/")


def test_ascii_slugs_a_trainer_chose_are_left_alone(site):
    course, _ = make_course(site["catalog"], slug="safe-chat", lessons=0)
    assert make_lesson(course, slug="reply-fast", title="ตอบแชตลูกค้าให้ไว").slug == "reply-fast"


def test_a_live_page_whose_thai_slug_becomes_readable_keeps_its_old_address(
    site, client, django_capture_on_commit_callbacks
):
    from lessons.models import LessonPage

    course, _ = make_course(site["catalog"], slug="safe-chat", lessons=0)
    lesson = make_lesson(course, slug="reply-fast", title="ตอบแชตลูกค้าให้ไว")
    LessonPage.objects.filter(pk=lesson.pk).update(
        slug="ตอบแชตลกคาใหไว", url_path=lesson.url_path.replace("reply-fast", "ตอบแชตลกคาใหไว")
    )
    lesson.refresh_from_db()
    old_url = lesson.url

    with django_capture_on_commit_callbacks(execute=True):
        lesson.save_revision().publish()

    lesson.refresh_from_db()
    assert lesson.slug == "top-chaet-lukkha-hai-wai"
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == lesson.url
