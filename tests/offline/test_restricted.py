"""Pages with view restrictions (a group, a password) stay behind them offline too: not packed, no questions,
and a queued action on them is refused, exactly as the page itself would refuse the learner."""

import json
import uuid

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation
from wagtail.models import PageViewRestriction

from lessons.models import LessonProgress
from offline.models import OfflineAction

pytestmark = pytest.mark.django_db


def restrict_to_group(page, name="Centre staff"):
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get_or_create(name=name)[0])


def url(name, *args):
    with translation.override("th"):
        return reverse(name, args=args)


def test_a_group_only_lesson_is_left_out_of_the_pack(learner_client, course_quiz):
    restrict_to_group(course_quiz.lessons[1])
    urls = [entry["url"] for entry in learner_client.get(url("offline:pack", course_quiz.course.pk)).json()["entries"]]
    assert course_quiz.lessons[0].url in urls and course_quiz.lessons[2].url in urls
    assert course_quiz.lessons[1].url not in urls


def test_a_group_only_course_has_no_pack_and_its_quiz_questions_are_not_given_out(learner_client, course_quiz):
    restrict_to_group(course_quiz.course)
    assert learner_client.get(url("offline:pack", course_quiz.course.pk)).status_code == 404
    assert learner_client.get(url("offline:quiz", course_quiz.quiz.pk)).status_code == 404


def test_a_queued_done_on_a_group_only_lesson_is_refused_and_the_others_accepted(learner_client, course_quiz):
    restrict_to_group(course_quiz.lessons[1])
    actions = [
        {"id": str(uuid.uuid4()), "type": "done", "page": lesson.pk, "at": "2026-11-30T10:00:00Z"}
        for lesson in course_quiz.lessons[:2]
    ]
    response = learner_client.post(
        url("offline:sync"), data=json.dumps({"actions": actions}), content_type="application/json"
    )
    assert response.status_code == 200
    assert [result["status"] for result in response.json()["results"]] == ["accepted", "refused"]
    assert list(LessonProgress.objects.values_list("lesson_id", flat=True)) == [course_quiz.lessons[0].pk]
    assert OfflineAction.objects.count() == 2
