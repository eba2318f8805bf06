"""The sync endpoint: each offline action is applied once by its device-made id, checked like any other
request, and answered with what was accepted and refused."""

import json
import threading
import uuid

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import translation

from lessons.models import Enrolment, LessonProgress
from offline.models import OfflineAction
from quizzes.models import Answer, QuizAttempt
from tests.factories import UserFactory
from tests.quizzes.conftest import RIGHT

pytestmark = pytest.mark.django_db


def sync_url(language="th"):
    with translation.override(language):
        return reverse("offline:sync")


def post(client, actions, language="th"):
    return client.post(sync_url(language), data=json.dumps({"actions": actions}), content_type="application/json")


def done(page, client_id=None):
    return {"id": client_id or str(uuid.uuid4()), "type": "done", "page": page.pk, "at": "2026-11-30T10:00:00Z"}


def answer(quiz, key, options, client_id=None):
    return {
        "id": client_id or str(uuid.uuid4()),
        "type": "answer",
        "page": quiz.pk,
        "question": key,
        "options": options,
    }


def everything(setup):
    actions = [done(lesson) for lesson in setup.lessons]
    actions += [answer(setup.quiz, key, options) for key, options in RIGHT.items()]
    return actions


def test_anonymous_visitors_get_403_and_nothing_is_recorded(client, course_quiz):
    response = post(client, [done(course_quiz.lessons[0])])
    assert response.status_code == 403
    assert response.json()["error"] == "กรุณาเข้าสู่ระบบเพื่อส่งสิ่งที่คุณทำแบบออฟไลน์"
    assert client.get(sync_url()).status_code == 403
    assert not OfflineAction.objects.exists() and not LessonProgress.objects.exists()


def test_get_gives_a_csrf_token_to_the_signed_in_learner(learner_client):
    response = learner_client.get(sync_url())
    assert response.status_code == 200 and len(response.json()["csrf"]) >= 32
    assert "no-store" in response["Cache-Control"]


def test_the_whole_queue_completes_the_course_once_and_a_replay_changes_nothing(learner_client, learner, course_quiz):
    actions = everything(course_quiz)
    first = post(learner_client, actions)
    assert first.status_code == 200
    body = first.json()
    assert body["accepted"] == 8 and body["refused"] == 0
    assert [r["id"] for r in body["results"]] == [a["id"] for a in actions]
    last = body["results"][-1]
    assert last["finished"] and last["passed"] and last["score"] == 100
    assert LessonProgress.objects.filter(user=learner, completed_at__isnull=False).count() == 3
    assert Answer.objects.filter(attempt__user=learner).count() == 5
    assert Enrolment.objects.get(user=learner).completed_at is not None

    again = post(learner_client, actions)  # a retry, or the same queue from a second tab
    assert again.json() == body
    assert LessonProgress.objects.filter(user=learner).count() == 3
    assert QuizAttempt.objects.filter(user=learner).count() == 1
    assert Answer.objects.filter(attempt__user=learner).count() == 5
    assert OfflineAction.objects.filter(user=learner).count() == 8


def test_a_withdrawn_lesson_is_refused_with_a_message_and_the_others_accepted(learner_client, learner, course_quiz):
    withdrawn = course_quiz.lessons[1]
    withdrawn.unpublish()
    response = post(learner_client, [done(lesson) for lesson in course_quiz.lessons])
    results = response.json()["results"]
    assert [r["status"] for r in results] == ["accepted", "refused", "accepted"]
    assert results[1]["message"] == "บทเรียนนี้ไม่มีให้เรียนแล้ว จึงไม่ได้บันทึกว่าเรียนจบ"
    assert results[1]["title"] == withdrawn.title
    done_ids = set(
        LessonProgress.objects.filter(user=learner, completed_at__isnull=False).values_list("lesson_id", flat=True)
    )
    assert done_ids == {course_quiz.lessons[0].pk, course_quiz.lessons[2].pk}


def test_a_withdrawn_course_refuses_its_lessons(learner_client, course_quiz):
    course_quiz.course.unpublish()
    result = post(learner_client, [done(course_quiz.lessons[0])]).json()["results"][0]
    assert result["status"] == "refused"


def test_a_bad_answer_is_refused_with_the_quiz_services_message(learner_client, course_quiz):
    result = post(learner_client, [answer(course_quiz.quiz, "q1", ["q1-a", "q1-b"])]).json()["results"][0]
    assert result["status"] == "refused"
    with translation.override("th"):
        assert result["message"] == translation.gettext("Please choose only one answer.")


def test_messages_follow_the_language_of_the_endpoint(learner_client, course_quiz):
    course_quiz.lessons[0].unpublish()
    result = post(learner_client, [done(course_quiz.lessons[0])], language="en").json()["results"][0]
    assert result["message"] == "This lesson is no longer available, so it was not marked as done."


def test_ids_belong_to_each_learner_another_learner_reusing_one_gets_nothing_of_theirs(client, course_quiz):
    alice, bob = UserFactory(), UserFactory()
    shared_id = str(uuid.uuid4())
    client.force_login(alice)
    alice_result = post(client, [answer(course_quiz.quiz, "q1", ["q1-a"], shared_id)]).json()["results"][0]
    assert alice_result["correct"] is True
    client.force_login(bob)
    bob_result = post(client, [done(course_quiz.lessons[0], shared_id)]).json()["results"][0]
    assert bob_result["type"] == "done" and "correct" not in bob_result
    assert LessonProgress.objects.filter(user=alice).count() == 0
    assert Answer.objects.filter(attempt__user=bob).count() == 0
    assert OfflineAction.objects.get(user=alice).kind == "answer"


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"not json",
        b"\xff\xfe",
        b"[]",
        b'{"actions": []}',
        b'{"actions": "x"}',
        b'{"actions": [1]}',
        b'{"actions": [{"id": "x", "type": "done", "page": 1}]}',
        b'{"actions": [{"id": "00000000-0000-4000-8000-000000000000", "type": "fly", "page": 1}]}',
        b'{"actions": [{"id": "00000000-0000-4000-8000-000000000000", "type": "done", "page": "1\\u0000"}]}',
        b'{"actions": [{"id": "00000000-0000-4000-8000-000000000000", "type": "done", "page": 99999999999999999999}]}',
        b'{"actions": [{"id": "00000000-0000-4000-8000-000000000000", "type": "done", "page": -1}]}',
        b'{"actions": [{"id": "00000000-0000-4000-8000-000000000000", "type": "answer", "page": 1, "question": "q1"}]}',
        b'{"actions": [{"id": "00000000-0000-4000-8000-000000000000", "type": "answer", "page": 1, '
        b'"question": "q1", "options": [{"a": 1}]}]}',
    ],
)
def test_a_bad_payload_is_a_translated_400_and_nothing_is_recorded(learner_client, course_quiz, body):
    response = learner_client.post(sync_url(), data=body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"] == "ข้อมูลที่อุปกรณ์ส่งมาอ่านไม่ได้ กรุณาลองอีกครั้ง ยังไม่มีอะไรถูกบันทึก"
    assert not OfflineAction.objects.exists() and not LessonProgress.objects.exists()


def test_too_many_actions_at_once_is_a_400(learner_client, course_quiz):
    response = post(learner_client, [done(course_quiz.lessons[0]) for _ in range(201)])
    assert response.status_code == 400
    assert response.json()["error"] == "ข้อมูลที่อุปกรณ์ส่งมาอ่านไม่ได้ กรุณาลองอีกครั้ง ยังไม่มีอะไรถูกบันทึก"
    assert not OfflineAction.objects.exists() and not LessonProgress.objects.exists()


def test_an_unknown_page_is_refused_not_an_error(learner_client):
    result = post(learner_client, [{"id": str(uuid.uuid4()), "type": "done", "page": 987654}]).json()["results"][0]
    assert result["status"] == "refused" and result["page"] is None


def test_csrf_is_required(learner, course_quiz):
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    response = post(client, [done(course_quiz.lessons[0])])
    assert response.status_code == 403
    assert not OfflineAction.objects.exists()
    token = client.get(sync_url()).json()["csrf"]
    response = client.post(
        sync_url(),
        json.dumps({"actions": [done(course_quiz.lessons[0])]}),
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    assert response.status_code == 200 and response.json()["accepted"] == 1
    assert OfflineAction.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_same_queue_sent_by_two_tabs_at_once_is_applied_once(transactional_db, course_quiz):
    """Two connections race with the same ids on PostgreSQL: one row per action, one answer per question."""
    learner = UserFactory()
    actions = everything(course_quiz)
    barrier = threading.Barrier(2)
    bodies = []

    def tab():
        client = Client()
        client.force_login(learner)
        barrier.wait()
        bodies.append(post(client, actions).json())
        connection.close()

    threads = [threading.Thread(target=tab) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(bodies) == 2 and bodies[0] == bodies[1]
    assert OfflineAction.objects.filter(user=learner).count() == 8
    assert LessonProgress.objects.filter(user=learner, completed_at__isnull=False).count() == 3
    assert Answer.objects.filter(attempt__user=learner).count() == 5
    assert QuizAttempt.objects.filter(user=learner).count() == 1
