"""Course packs, quiz questions without answers, the manifest, the worker and sign-out's Clear-Site-Data."""

import io
import json

import pytest
from django.urls import reverse
from django.utils import translation
from PIL import Image

from lessons.models import LessonProgress
from lms.middleware import SHARED_SESSION_KEY

pytestmark = pytest.mark.django_db


def pack_url(course, language="th"):
    with translation.override(language):
        return reverse("offline:pack", args=[course.pk])


def test_the_pack_lists_pages_questions_and_files_with_their_sizes(learner_client, course_quiz):
    response = learner_client.get(pack_url(course_quiz.course))
    assert response.status_code == 200
    pack = response.json()
    urls = [entry["url"] for entry in pack["entries"]]
    assert urls[0] == course_quiz.course.url
    assert [lesson.url for lesson in course_quiz.lessons] == urls[1:4]
    assert course_quiz.quiz.url in urls
    assert f"/th/offline/quizzes/{course_quiz.quiz.pk}/questions/" in urls
    assert "/th/offline/unavailable/" in urls
    assert {"/static/css/site.css", "/static/js/htmx.min.js", "/static/offline/offline.js"} <= set(urls)
    assert any(url.endswith(".woff2") for url in urls)  # fonts found through the stylesheet
    assert not [url for url in urls if "/admin/" in url or "/accounts/" in url]
    assert pack["bytes"] == sum(entry["bytes"] for entry in pack["entries"]) > 100_000
    assert all(entry["bytes"] > 0 for entry in pack["entries"])
    assert pack["sync"] == "/th/offline/sync/"
    assert LessonProgress.objects.count() == 0  # building a pack reads nothing as the learner


def test_a_republished_lesson_changes_the_pack_revision(learner_client, course_quiz):
    before = learner_client.get(pack_url(course_quiz.course)).json()["revision"]
    lesson = course_quiz.lessons[1]
    lesson.intro = "แก้ไขแล้ว"
    lesson.save_revision().publish()
    after = learner_client.get(pack_url(course_quiz.course)).json()
    assert after["revision"] != before
    assert {entry["rev"] for entry in after["entries"] if entry["kind"] == "lesson"} == {after["revision"]}


def test_only_signed_in_learners_on_their_own_device_may_get_a_pack(client, learner, course_quiz):
    anonymous = client.get(pack_url(course_quiz.course))
    assert anonymous.status_code == 403
    assert anonymous.json()["error"] == "กรุณาเข้าสู่ระบบเพื่อบันทึกหลักสูตรไว้ในอุปกรณ์นี้"
    client.force_login(learner)
    session = client.session
    session[SHARED_SESSION_KEY] = True
    session.save()
    response = client.get(pack_url(course_quiz.course))
    assert response.status_code == 403
    assert response.json()["error"].startswith("บันทึกหลักสูตรไว้เรียนแบบออฟไลน์ได้เฉพาะในอุปกรณ์ของฉันเอง")


def test_a_course_that_is_not_live_or_not_a_course_has_no_pack(learner_client, course_quiz):
    assert learner_client.get(pack_url(course_quiz.lessons[0])).status_code == 404
    course_quiz.course.unpublish()
    assert learner_client.get(pack_url(course_quiz.course)).status_code == 404


def test_the_save_button_is_offered_on_own_devices_only(client, learner, course_quiz):
    assert "data-offline-save" not in client.get(course_quiz.course.url).content.decode()
    client.force_login(learner)
    html = client.get(course_quiz.course.url).content.decode()
    assert f'data-pack-url="{pack_url(course_quiz.course)}"' in html
    session = client.session
    session[SHARED_SESSION_KEY] = True
    session.save()
    assert "data-offline-save" not in client.get(course_quiz.course.url).content.decode()


def test_quiz_questions_for_offline_use_never_carry_the_answers(client, course_quiz):
    with translation.override("th"):
        url = reverse("offline:quiz", args=[course_quiz.quiz.pk])
    response = client.get(url)
    assert response.status_code == 200
    data = response.json()
    assert [q["key"] for q in data["questions"]] == ["q1", "q2", "q3", "q4", "q5"]
    text = response.content.decode()
    assert "correct" not in text and "explanation" not in text and "คำอธิบาย" not in text
    course_quiz.quiz.unpublish()
    assert client.get(url).status_code == 404


def test_a_saved_lesson_fetched_for_offline_use_is_not_a_visit(learner_client, learner, course_quiz):
    learner_client.get(course_quiz.lessons[0].url, headers={"Purpose": "prefetch"})
    assert not LessonProgress.objects.filter(user=learner).exists()
    learner_client.get(course_quiz.lessons[0].url)
    assert LessonProgress.objects.filter(user=learner).count() == 1


def test_the_manifest_names_the_app_in_the_readers_language(client):
    thai = client.get("/th/offline/manifest.webmanifest")
    assert thai["Content-Type"] == "application/manifest+json"
    data = json.loads(thai.content)
    assert data["name"] == "เรียนรู้กับศูนย์ดิจิทัลชุมชน" and data["start_url"] == "/th/" and data["lang"] == "th"
    assert data["theme_color"] == "#0b5e8a" and {icon["sizes"] for icon in data["icons"]} == {"192x192", "512x512"}
    english = json.loads(client.get("/en/offline/manifest.webmanifest").content)
    assert english["name"] == "Community Digital Centre learning" and english["start_url"] == "/en/"
    for icon in data["icons"]:
        response = client.get(icon["src"])
        assert response.status_code == 200
        picture = Image.open(io.BytesIO(b"".join(response.streaming_content)))
        assert picture.format == "PNG" and "x".join(map(str, picture.size)) == icon["sizes"]


def test_every_page_links_the_manifest_and_the_scripts_without_inline_code(client, site):
    html = client.get("/th/").content.decode()
    assert '<link rel="manifest" href="/th/offline/manifest.webmanifest">' in html
    assert '<script id="offline-strings" type="application/json">' in html
    assert '<script src="/static/offline/offline.js" defer></script>' in html


def test_the_worker_is_served_from_the_root_and_never_touches_admin_or_staff_pages(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert "no-store" in response["Cache-Control"] and "max-age=0" in response["Cache-Control"]
    source = response.content.decode()
    assert 'importScripts("/static/offline/store.js")' in source
    for never in (r"/^\/admin\//", r"/\/staff\//", r"/^\/[a-z]{2}\/accounts\//"):
        assert never in source


def test_signing_out_asks_the_browser_to_clear_caches_and_storage(learner_client):
    response = learner_client.post("/th/accounts/sign-out/")
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache", "storage"'
