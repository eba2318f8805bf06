import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.utils import timezone

from classes import services
from classes.models import Session
from learners.models import Membership
from reports.permissions import NATIONAL_STAFF_GROUP
from tests.factories import DEFAULT_PASSWORD, CentreFactory, MembershipFactory, UserFactory, make_course, make_quiz


def grant_admin_access(user):
    user.user_permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    return user


def at(day, hour, minute=0, second=0):
    """An aware moment in the centre's time zone (Asia/Bangkok)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute, second)))


def learner(username, centre, name=None):
    user = UserFactory(username=username, display_name=name or f"ผู้เรียน {username}", home_centre=centre)
    MembershipFactory(user=user, centre=centre)
    return user


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(site):
    """Two centres; a class at centre A with a trainer, two learners and a session today 13:00–16:00."""
    centre_a = CentreFactory(code="CDC-A", name_th="ศูนย์ดิจิทัลชุมชนวัดป่า", province="เชียงใหม่")
    centre_b = CentreFactory(code="CDC-B", name_th="ศูนย์ดิจิทัลชุมชนบ้านโนน", province="ขอนแก่น")
    course, lessons = make_course(site["catalog"], slug="selling", lessons=3, title="ขายของออนไลน์")
    quiz = make_quiz(course, count=2)
    trainer = grant_admin_access(UserFactory(username="trainer", display_name="ครูอาสา ใจดี", home_centre=centre_a))
    MembershipFactory(user=trainer, centre=centre_a, role=Membership.Role.TRAINER)
    other_trainer = grant_admin_access(UserFactory(username="trainer2", display_name="ครูสอง", home_centre=centre_a))
    MembershipFactory(user=other_trainer, centre=centre_a, role=Membership.Role.TRAINER)
    staff_a = grant_admin_access(UserFactory(username="staff_a", display_name="เจ้าหน้าที่ A", home_centre=centre_a))
    MembershipFactory(user=staff_a, centre=centre_a, role=Membership.Role.STAFF)
    staff_b = grant_admin_access(UserFactory(username="staff_b", display_name="เจ้าหน้าที่ B", home_centre=centre_b))
    MembershipFactory(user=staff_b, centre=centre_b, role=Membership.Role.STAFF)
    national = grant_admin_access(UserFactory(username="national", display_name="ส่วนกลาง", home_centre=None))
    national.groups.add(Group.objects.get_or_create(name=NATIONAL_STAFF_GROUP)[0])
    somchai = learner("somchai", centre_a, "สมชาย ใจดี")
    malee = learner("malee", centre_a, "มาลี ศรีสุข")
    outsider = learner("outsider", centre_a, "บุญมี นอกชั้น")
    klass = services.create_class(
        centre=centre_a,
        name="ขายของออนไลน์ รุ่น 1",
        courses=[course],
        trainer=trainer,
        start_date=timezone.localdate(),
        created_by=staff_a,
    )
    services.add_members(klass, [somchai, malee], added_by=staff_a)
    today = timezone.localdate()
    session = Session.objects.create(
        klass=klass, date=today, start_time=datetime.time(13), end_time=datetime.time(16), place="ห้องคอมพิวเตอร์"
    )
    return {
        "centre_a": centre_a,
        "centre_b": centre_b,
        "course": course,
        "lessons": lessons,
        "quiz": quiz,
        "trainer": trainer,
        "other_trainer": other_trainer,
        "staff_a": staff_a,
        "staff_b": staff_b,
        "national": national,
        "somchai": somchai,
        "malee": malee,
        "outsider": outsider,
        "klass": klass,
        "session": session,
        "today": today,
        "password": DEFAULT_PASSWORD,
    }
