"""Moving knowledge to its owner keeps every row: anonymous progress (learners → lessons) and the
"issue automatically" switch (a course page field → ``certificates.CourseCertificateSettings``)."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.factories import CentreFactory, make_course

BEFORE = [
    ("learners", "0003_centre_staff_group"),
    ("lessons", "0002_roles_and_review_workflow"),
    ("certificates", "0002_centre_staff_admin_access"),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    return executor.loader.project_state(targets).apps if targets else None


@pytest.mark.django_db(transaction=True)
def test_data_migrations_keep_every_row(site):
    manual, _ = make_course(site["catalog"], slug="manual-course")
    automatic, _ = make_course(site["catalog"], slug="automatic-course")
    centre = CentreFactory()

    old = migrate(BEFORE)
    old.get_model("lessons", "CoursePage").objects.filter(pk=manual.pk).update(auto_issue_certificate=False)
    OldProgress = old.get_model("learners", "AnonymousProgress")
    rows = [
        (manual.pk, centre.pk, datetime.date(2026, 3, 1), 4, True),
        (automatic.pk, None, datetime.date(2026, 4, 1), 1, False),
        (None, centre.pk, datetime.date(2025, 12, 1), 0, False),
    ]
    for course_id, centre_id, month, lessons, completed in rows:
        OldProgress.objects.create(
            course_id=course_id, centre_id=centre_id, month=month, lessons_completed=lessons, completed=completed
        )
    old_ids = sorted(OldProgress.objects.values_list("pk", flat=True))

    migrate(None)

    from certificates.models import CourseCertificateSettings
    from lessons.models import AnonymousProgress

    moved = AnonymousProgress.objects.order_by("pk")
    assert sorted(moved.values_list("pk", flat=True)) == old_ids
    assert sorted(
        moved.values_list("course_id", "centre_id", "month", "lessons_completed", "completed"), key=str
    ) == sorted(rows, key=str)
    assert CourseCertificateSettings.auto_issue_for(manual) is False
    assert CourseCertificateSettings.auto_issue_for(automatic) is True
    assert CourseCertificateSettings.objects.filter(course__in=[manual, automatic]).count() == 2
