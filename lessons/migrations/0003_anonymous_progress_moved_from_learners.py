import django.db.models.deletion
from django.db import migrations, models


FIELDS = ("pk", "course_id", "centre_id", "month", "lessons_completed", "completed")


def _copy(source, target, keep_course=lambda course_id: True):
    """Every row of ``source`` into ``target`` with the same id and figures (courses not kept become None)."""
    copies = []
    for row in source.objects.order_by("pk").values_list(*FIELDS).iterator():
        values = dict(zip(FIELDS, row, strict=True))
        if not keep_course(values["course_id"]):
            values["course_id"] = None
        copies.append(target(**values))
    target.objects.bulk_create(copies, batch_size=1000)


def copy_from_learners(apps, schema_editor):
    """Every anonymous row erasure wrote in learners, now in lessons (same ids and figures)."""
    courses = set(apps.get_model("lessons", "CoursePage").objects.values_list("pk", flat=True))
    _copy(
        apps.get_model("learners", "AnonymousProgress"),
        apps.get_model("lessons", "AnonymousProgress"),
        keep_course=courses.__contains__,
    )


def copy_back_to_learners(apps, schema_editor):
    _copy(apps.get_model("lessons", "AnonymousProgress"), apps.get_model("learners", "AnonymousProgress"))


class Migration(migrations.Migration):
    dependencies = [
        ("lessons", "0002_roles_and_review_workflow"),
        ("learners", "0003_centre_staff_group"),
    ]
    run_before = [("learners", "0004_anonymous_progress_moved_to_lessons")]

    operations = [
        migrations.CreateModel(
            name="AnonymousProgress",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("month", models.DateField(verbose_name="month")),
                ("lessons_completed", models.PositiveIntegerField(default=0, verbose_name="lessons completed")),
                ("completed", models.BooleanField(default=False, verbose_name="course completed")),
                (
                    "centre",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="learners.centre",
                        verbose_name="centre",
                    ),
                ),
                (
                    "course",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="lessons.coursepage",
                        verbose_name="course",
                    ),
                ),
            ],
            options={
                "verbose_name": "anonymous progress",
                "verbose_name_plural": "anonymous progress",
                "indexes": [
                    models.Index(fields=["centre", "month"], name="lessons_anon_centre_month"),
                    models.Index(fields=["course", "month"], name="lessons_anon_course_month"),
                ],
            },
        ),
        migrations.RunPython(copy_from_learners, copy_back_to_learners),
    ]
