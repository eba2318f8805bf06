"""Real concurrency on PostgreSQL: double taps at the same moment never double-count."""

import pytest
from django.http import QueryDict

from lessons.models import Enrolment, LessonPage
from practice import services
from practice.activities import activities_of
from practice.models import PracticeChoice, PracticeRun
from tests.factories import simulator
from tests.quizzes.test_concurrency import run_together

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def choose(user, page_pk, key, data):
    page = LessonPage.objects.get(pk=page_pk)
    activity = activities_of(page)[key]
    run = services.DbRun(user, page, activity)
    finished = services.act(run, activity, QueryDict(data))
    if finished:
        services.record_completion(user, page)
    return finished


def test_concurrent_double_tap_gives_one_run_one_choice_and_one_enrolment(site, learner):
    from tests.factories import make_course, make_practice

    course, _ = make_course(site["catalog"], slug="race")
    page = make_practice(course, activities=[simulator()])
    for _round in range(5):
        PracticeRun.objects.all().delete()
        results = run_together(*[lambda: choose(learner, page.pk, "sim", "step=s1&choice=s1-app")] * 2)
        assert not any(isinstance(result, Exception) for result in results), results
        assert PracticeRun.objects.count() == 1
        assert PracticeChoice.objects.count() == 1
        assert PracticeRun.objects.get().completed
        assert sorted(results) == [False, True]  # only one request finished the run
        assert Enrolment.objects.filter(user=learner).count() == 1
