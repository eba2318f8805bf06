import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from learners.models import Membership
from lessons.models import CoursePage, Enrolment, LessonPage, LessonProgress
from reports.permissions import NATIONAL_STAFF_GROUP
from tests.factories import DEFAULT_PASSWORD, CentreFactory, MembershipFactory, UserFactory


def grant_admin_access(user):
    """Centre staff and trainers work in the Wagtail admin: they hold ``wagtailadmin.access_admin``."""
    user.user_permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    return user


def aware(year, month, day):
    return timezone.make_aware(datetime.datetime(year, month, day, 10, 0))


def add_course(catalog, title, slug, lessons=3):
    course = catalog.add_child(instance=CoursePage(title=title, slug=slug, summary=title))
    pages = [course.add_child(instance=LessonPage(title=f"{title} {n}", slug=f"{slug}-{n}")) for n in range(lessons)]
    return course, pages


def enrol(user, course, started, completed=None, visited=None):
    enrolment = Enrolment.objects.create(user=user, course=course)
    Enrolment.objects.filter(pk=enrolment.pk).update(
        started_at=started, completed_at=completed, last_visited_at=visited or started
    )
    return enrolment


def progress(user, course, lessons, done_at):
    for lesson in lessons:
        row = LessonProgress.objects.create(user=user, lesson=lesson, course=course)
        LessonProgress.objects.filter(pk=row.pk).update(started_at=done_at, completed_at=done_at)


@pytest.fixture
def world(site):
    """Two centres in two provinces, two courses, and one person of each role."""
    centre_a = CentreFactory(code="CDC-A", name_th="ศูนย์ดิจิทัลชุมชนวัดป่า", province="เชียงใหม่")
    centre_b = CentreFactory(code="CDC-B", name_th="ศูนย์ดิจิทัลชุมชนบ้านโนน", province="ขอนแก่น")
    selling, selling_lessons = add_course(site["catalog"], "ขายของออนไลน์", "selling")
    safety, safety_lessons = add_course(site["catalog"], "ใช้เน็ตอย่างปลอดภัย", "safety", lessons=2)
    learner_a = UserFactory(username="somchai", display_name="สมชาย ใจดี", home_centre=centre_a, mobile="0811111111")
    learner_b = UserFactory(username="malee", display_name="มาลี ศรีสุข", home_centre=centre_b)
    MembershipFactory(user=learner_a, centre=centre_a)
    MembershipFactory(user=learner_b, centre=centre_b)
    trainer = grant_admin_access(UserFactory(username="trainer", display_name="ครูอาสา", home_centre=centre_a))
    MembershipFactory(user=trainer, centre=centre_a, role=Membership.Role.TRAINER)
    staff_a = grant_admin_access(UserFactory(username="staff_a", display_name="เจ้าหน้าที่ A", home_centre=centre_a))
    MembershipFactory(user=staff_a, centre=centre_a, role=Membership.Role.STAFF)
    national = UserFactory(username="national", display_name="ส่วนกลาง", home_centre=None)
    national.groups.add(Group.objects.get(name=NATIONAL_STAFF_GROUP))
    superuser = UserFactory(username="root", home_centre=None, is_superuser=True, is_staff=True)
    return {
        "centre_a": centre_a,
        "centre_b": centre_b,
        "selling": selling,
        "selling_lessons": selling_lessons,
        "safety": safety,
        "safety_lessons": safety_lessons,
        "learner_a": learner_a,
        "learner_b": learner_b,
        "trainer": trainer,
        "staff_a": staff_a,
        "national": national,
        "superuser": superuser,
        "password": DEFAULT_PASSWORD,
    }
