"""A course with one lesson and a lesson holding one practice block of each kind, with fixed keys."""

from types import SimpleNamespace

import pytest

from tests.factories import UserFactory, make_course, make_practice


@pytest.fixture
def course_practice(site):
    course, lessons = make_course(site["catalog"], slug="safety", lessons=1)
    practice = make_practice(course)
    return SimpleNamespace(course=course, lessons=lessons, practice=practice, url=practice.url)


@pytest.fixture
def learner(db):
    return UserFactory()


@pytest.fixture
def learner_client(client, learner):
    client.force_login(learner)
    return client


def act_url(page, key, again=False):
    return f"/th/practice/{page.pk}/{key}/" + ("again/" if again else "")
