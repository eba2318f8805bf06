import pytest
from django.core.cache import cache

from tests.factories import (  # noqa: F401 (COURSE_TH, COURSE_EN and complete are imported from here by tests)
    COURSE_EN,
    COURSE_TH,
    CentreFactory,
    UserFactory,
    build_course,
    complete,
    make_staff,
)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """The verification throttle counts in the default (local memory) cache: start each test at zero."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def centre(db):
    return CentreFactory(name_th="ศูนย์ดิจิทัลชุมชนวัดพระสิงห์", name_en="Wat Phra Singh Community Digital Centre")


@pytest.fixture
def other_centre(db):
    return CentreFactory()


@pytest.fixture
def course_and_lessons(site):
    """A staff-approved course (no automatic certificate), so tests decide when one is issued."""
    return build_course(site["catalog"], auto_issue=False)


@pytest.fixture
def course(course_and_lessons):
    return course_and_lessons[0]


@pytest.fixture
def learner(centre):
    return UserFactory(username="boonmee", display_name="นางบุญมี ทองดี", home_centre=centre)


@pytest.fixture
def completed_learner(learner, course_and_lessons):
    complete(learner, course_and_lessons[1])
    return learner


@pytest.fixture
def staff(centre):
    return make_staff(centre, "staff-here")


@pytest.fixture
def other_staff(other_centre):
    return make_staff(other_centre, "staff-elsewhere")


@pytest.fixture
def superuser(db):
    user = UserFactory(username="root", is_superuser=True, is_staff=True, home_centre=None)
    return user


@pytest.fixture
def other_learner(centre):
    return UserFactory(username="somchai", display_name="นายสมชาย ใจดี", home_centre=centre)


def sign_in(client, user):
    client.force_login(user)
    return client
