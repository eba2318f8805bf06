"""Anonymous home, catalogue, course and lesson pages from the shared cache (locmem and real Redis)."""

import re

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.utils import translation

from pagecache import services
from tests.factories import UserFactory, make_course, make_lesson

HOME = "/th/"
CATALOG = "/th/courses/"
COURSE = "/th/courses/cached/"
LESSON = "/th/courses/cached/cached-first/"
PAGES = [HOME, CATALOG, COURSE, LESSON]
TOKEN_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
HX_TOKEN = re.compile(r'"X-CSRFToken": "([^"]+)"')


@pytest.fixture
def course(site):
    course, _ = make_course(site["catalog"], slug="cached", lessons=0, title="หลักสูตรเก็บแคช")
    first = make_lesson(course, "cached-first", title="บทแรกเดิม")
    second = make_lesson(course, "cached-second", title="บทที่สองเดิม")
    return {"course": course, "first": first, "second": second}


def visit(path, client=None, **extra):
    """A new anonymous visitor (no cookies) unless ``client`` is given."""
    response = (client or Client()).get(path, **extra)
    assert response.status_code == 200, (path, response.status_code)
    return response


def stored(path, language="th", display_cookie=None):
    """The bytes the cache holds for ``path`` as a visitor with no cookies sees it."""
    request = RequestFactory().get(path)
    if display_cookie:
        request.COOKIES["display"] = display_cookie
    with translation.override(language):
        entry = services.get(services.key(request))
    return entry[0].decode() if entry else None


@pytest.mark.parametrize("path", PAGES)
def test_the_second_visitor_gets_the_cached_page_without_a_query(page_cache, course, path, django_assert_num_queries):
    first = visit(path)
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = visit(path)
    assert second["X-Page-Cache"] == "hit"
    assert "หลักสูตรเก็บแคช" in second.content.decode()
    # The same page apart from each visitor's own CSRF token.
    assert TOKEN_INPUT.sub("", HX_TOKEN.sub("", first.content.decode())) == TOKEN_INPUT.sub(
        "", HX_TOKEN.sub("", second.content.decode())
    )


def test_cached_bytes_hold_no_csrf_token_no_session_and_no_message(page_cache, course):
    client = Client()
    first = visit(LESSON, client)
    body = stored(LESSON)
    assert body is not None
    assert set(TOKEN_INPUT.findall(body)) == {services.CSRF_PLACEHOLDER}
    assert HX_TOKEN.findall(body) == [services.CSRF_PLACEHOLDER]
    served_tokens = set(TOKEN_INPUT.findall(first.content.decode())) | set(HX_TOKEN.findall(first.content.decode()))
    assert served_tokens and services.CSRF_PLACEHOLDER not in served_tokens
    assert not any(token in body for token in served_tokens)
    assert client.cookies["csrftoken"].value not in body
    assert "sessionid" not in body and 'class="messages"' not in body


def test_a_visitor_with_a_message_gets_it_and_the_cache_never_holds_it(page_cache, course):
    visit(LESSON)  # the cache holds the lesson
    message_client = Client()
    request = RequestFactory().get(LESSON)
    carrier = HttpResponse()
    storage = CookieStorage(request)
    storage.add(constants.SUCCESS, "ข้อความส่วนตัวของผู้อ่าน")
    storage.update(carrier)
    message_client.cookies[CookieStorage.cookie_name] = carrier.cookies[CookieStorage.cookie_name].value
    shown = visit(LESSON, message_client)
    assert "ข้อความส่วนตัวของผู้อ่าน" in shown.content.decode()
    assert "X-Page-Cache" not in shown
    later = visit(LESSON)
    assert later["X-Page-Cache"] == "hit" and "ข้อความส่วนตัวของผู้อ่าน" not in later.content.decode()
    assert "ข้อความส่วนตัวของผู้อ่าน" not in stored(LESSON)


@pytest.mark.parametrize("has_cookie", [False, True], ids=["new-visitor", "visitor-with-csrf-cookie"])
def test_a_form_on_a_cached_page_posts_without_javascript(page_cache, course, has_cookie):
    visit(LESSON)
    reader = Client(enforce_csrf_checks=True)
    if has_cookie:
        visit("/th/accounts/display/", reader)  # an earlier page gave this visitor a CSRF cookie
        assert "csrftoken" in reader.cookies
    page = visit(LESSON, reader)
    assert page["X-Page-Cache"] == "hit"
    html = page.content.decode()
    tokens = set(TOKEN_INPUT.findall(html))
    assert len(tokens) == 1 and HX_TOKEN.findall(html) == list(tokens)
    refused = Client(enforce_csrf_checks=True)
    refused.cookies = reader.cookies
    assert refused.post("/th/accounts/display/", {"text_size": "150", "next": LESSON}).status_code == 403
    response = reader.post(
        "/th/accounts/display/", {"text_size": "150", "next": LESSON, "csrfmiddlewaretoken": tokens.pop()}
    )
    assert response.status_code == 302 and response["Location"] == LESSON
    assert reader.cookies["display"].value == "t150-c0"
    assert 'class="text-150"' in visit(LESSON, reader).content.decode()


def test_publishing_an_edit_shows_on_every_page_that_shows_it_at_once(page_cache, course):
    for path in PAGES:
        visit(path)
    assert visit(COURSE)["X-Page-Cache"] == "hit"
    lesson = course["first"]
    lesson.title = "บทแรกฉบับแก้"
    lesson.save_revision()  # a draft: readers still see the published lesson, from the cache
    draft_time = visit(COURSE)
    assert draft_time["X-Page-Cache"] == "hit" and "บทแรกฉบับแก้" not in draft_time.content.decode()
    lesson.get_latest_revision().publish()
    for path in (LESSON, COURSE):
        response = visit(path)
        assert response["X-Page-Cache"] == "miss" and "บทแรกฉบับแก้" in response.content.decode()
    course_page = course["course"]
    course_page.title = "หลักสูตรชื่อใหม่"
    course_page.save_revision().publish()
    for path in PAGES:
        assert "หลักสูตรชื่อใหม่" in visit(path).content.decode(), path


def test_unpublishing_deleting_and_moving_show_at_once(page_cache, course, site):
    second_url = "/th/courses/cached/cached-second/"
    visit(COURSE)
    visit(second_url)
    course["second"].unpublish()
    assert Client().get(second_url).status_code == 404
    assert "บทที่สองเดิม" not in visit(COURSE).content.decode()
    other, _ = make_course(site["catalog"], slug="other", lessons=0, title="หลักสูตรอื่น")
    visit(COURSE)
    course["first"].move(other, pos="last-child")
    assert "บทแรกเดิม" not in visit(COURSE).content.decode()
    assert "บทแรกเดิม" in visit("/th/courses/other/").content.decode()
    visit(CATALOG)
    other.delete()
    assert "หลักสูตรอื่น" not in visit(CATALOG).content.decode()


def test_signed_in_users_never_get_nor_fill_the_cache(page_cache, course):
    learner = UserFactory(username="cached-reader")
    signed_in = Client()
    signed_in.force_login(learner)
    own = signed_in.get(LESSON)
    assert "X-Page-Cache" not in own and "no-store" in own["Cache-Control"]
    assert 'class="menu-sign-out"' in own.content.decode()
    assert services.CSRF_PLACEHOLDER not in own.content.decode()
    assert stored(LESSON) is None  # the signed-in visit left nothing
    assert visit(LESSON)["X-Page-Cache"] == "miss"
    again = signed_in.get(LESSON)  # the cache holds the lesson now: still the signed-in user's own page
    assert "X-Page-Cache" not in again and 'class="menu-sign-out"' in again.content.decode()


def test_larger_text_and_high_contrast_visitors_get_their_own_rendering(page_cache, course):
    assert '<html lang="th">' in visit(LESSON).content.decode()
    large = Client()
    large.cookies["display"] = "t150-c1"
    first = visit(LESSON, large)
    assert first["X-Page-Cache"] == "miss" and 'class="text-150 high-contrast"' in first.content.decode()
    other_large = Client()
    other_large.cookies["display"] = "t150-c1"
    second = visit(LESSON, other_large)
    assert second["X-Page-Cache"] == "hit" and 'class="text-150 high-contrast"' in second.content.decode()
    plain = visit(LESSON)
    assert plain["X-Page-Cache"] == "hit" and '<html lang="th">' in plain.content.decode()


def test_visitors_with_a_session_or_a_query_string_are_not_served_from_the_cache(page_cache, course):
    visit(LESSON)
    practising = Client()
    practising.cookies["sessionid"] = "a-visitor-practising-without-an-account"
    assert "X-Page-Cache" not in visit(LESSON, practising)
    assert "X-Page-Cache" not in visit(LESSON + "?utm_source=line")
    assert "X-Page-Cache" not in visit(LESSON, HTTP_HX_REQUEST="true")


def test_headers_keep_pages_out_of_shared_caches(page_cache, course):
    for response in (visit(LESSON), visit(LESSON)):
        cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"private", "no-cache"} <= cache_control and "public" not in cache_control
        assert "Cookie" in [v.strip() for v in response["Vary"].split(",")]
        assert "csrftoken=" in response.cookies.output()


def test_the_setting_turns_the_cache_off(page_cache, course, settings):
    settings.PAGE_CACHE_SECONDS = 0
    visit(LESSON)
    response = visit(LESSON)
    assert "X-Page-Cache" not in response and stored(LESSON) is None


def test_htmx_gets_a_valid_token_from_a_cached_page(page_cache, course):
    visit(LESSON)
    reader = Client(enforce_csrf_checks=True)
    page = visit(LESSON, reader)
    assert page["X-Page-Cache"] == "hit"
    (token,) = HX_TOKEN.findall(page.content.decode())
    done = LESSON + "done/"
    assert reader.post(done, HTTP_HX_REQUEST="true").status_code == 403  # without the token: refused
    response = reader.post(done, HTTP_HX_REQUEST="true", HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 401 and response["HX-Redirect"].startswith("/th/accounts/sign-in/")


def test_a_published_translation_replaces_the_fallback_at_once(page_cache, course):
    from tests.factories import translate_page

    fallback = visit("/en/courses/cached/")
    assert "หลักสูตรเก็บแคช" in fallback.content.decode()
    assert visit("/en/courses/cached/")["X-Page-Cache"] == "hit"
    translate_page(course["course"], "en", title="Cached course")
    english = visit("/en/courses/cached/")
    assert english["X-Page-Cache"] == "miss" and "Cached course" in english.content.decode()
    assert "Cached course" in visit("/en/courses/").content.decode()


def test_a_cache_that_is_down_serves_pages_as_without_it(settings, course):
    from tests.pagecache.conftest import free_port

    settings.PAGE_CACHE_SECONDS = 300
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
        }
    }
    reader = Client(enforce_csrf_checks=True)
    response = visit(LESSON, reader)
    html = response.content.decode()
    assert "X-Page-Cache" not in response and services.CSRF_PLACEHOLDER not in html
    (token,) = set(TOKEN_INPUT.findall(html))
    posted = reader.post("/th/accounts/display/", {"text_size": "200", "next": LESSON, "csrfmiddlewaretoken": token})
    assert posted.status_code == 302
