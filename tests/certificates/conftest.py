import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache

from learners.models import Membership
from tests.factories import CentreFactory, MembershipFactory, UserFactory

COURSE_TH = "ขายของออนไลน์อย่างปลอดภัยสำหรับร้านค้าชุมชน"
COURSE_EN = "Selling Online Safely for Community Shops"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """The verification throttle counts in the default (local memory) cache: start each test at zero."""
    cache.clear()
    yield
    cache.clear()


def build_course(catalog, slug="safe-selling", title=COURSE_TH, title_en=COURSE_EN, lessons=2, auto_issue=True):
    """A live Thai course with an English translation and ``lessons`` live lessons."""
    from wagtail.models import Locale

    from certificates.models import CourseCertificateSettings
    from lessons.models import CoursePage, LessonPage

    course = catalog.add_child(instance=CoursePage(title=title, slug=slug, summary="สรุป", locale=catalog.locale))
    CourseCertificateSettings.objects.create(course=course, auto_issue=auto_issue)
    pages = [
        course.add_child(instance=LessonPage(title=f"บทเรียนที่ {n}", slug=f"{slug}-{n}", locale=catalog.locale))
        for n in range(1, lessons + 1)
    ]
    english = Locale.objects.get(language_code="en")
    translation = course.copy_for_translation(english)
    translation.title = title_en
    translation.save_revision().publish()
    return course, pages


def complete(user, lessons):
    from lessons.services import mark_done

    for lesson in lessons:
        mark_done(user, lesson)


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


def make_staff(centre, username):
    """A centre staff member: a staff membership and the "Centre staff" group with admin access.

    The group comes from migrations (tested in test_admin); it is recreated here for transactional tests
    that run after another test flushed the database.
    """
    group, _ = Group.objects.get_or_create(name="Centre staff")
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    user = UserFactory(username=username, home_centre=centre, display_name=f"เจ้าหน้าที่ {username}")
    user.groups.add(group)
    MembershipFactory(user=user, centre=centre, role=Membership.Role.STAFF)
    return user


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


def ensure_root_page():
    """Transactional tests may run after another one flushed the database: recreate Wagtail's roots."""
    from wagtail.models import Collection, Locale, Page

    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")

    if Page.get_first_root_node() is None:
        locale, _ = Locale.objects.get_or_create(language_code="th")
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
