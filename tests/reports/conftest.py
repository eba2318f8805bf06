import pytest
from django.contrib.auth.models import Group

from learners.models import Membership
from reports.permissions import NATIONAL_STAFF_GROUP
from tests.factories import (  # noqa: F401 (aware, enrol and progress are imported from here by tests)
    DEFAULT_PASSWORD,
    CentreFactory,
    MembershipFactory,
    UserFactory,
    add_course,
    aware,
    enrol,
    grant_admin_access,
    progress,
)


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
