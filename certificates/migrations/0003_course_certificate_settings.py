import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


def copy_from_course_pages(apps, schema_editor):
    """One settings row per course page, with the switch the page had."""
    CoursePage = apps.get_model("lessons", "CoursePage")
    Settings = apps.get_model("certificates", "CourseCertificateSettings")
    Settings.objects.bulk_create(
        [
            Settings(course_id=pk, auto_issue=auto_issue)
            for pk, auto_issue in CoursePage.objects.values_list("pk", "auto_issue_certificate").iterator()
        ],
        batch_size=1000,
    )


def copy_back_to_course_pages(apps, schema_editor):
    CoursePage = apps.get_model("lessons", "CoursePage")
    Settings = apps.get_model("certificates", "CourseCertificateSettings")
    manual = Settings.objects.filter(auto_issue=False).values("course_id")
    CoursePage.objects.filter(pk__in=manual).update(auto_issue_certificate=False)


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0002_centre_staff_admin_access"),
        ("lessons", "0003_anonymous_progress_moved_from_learners"),
    ]
    run_before = [("lessons", "0004_remove_coursepage_auto_issue_certificate")]

    operations = [
        migrations.CreateModel(
            name="CourseCertificateSettings",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "auto_issue",
                    models.BooleanField(
                        default=True,
                        help_text=(
                            "Issue the certificate as soon as a learner completes the course; "
                            "otherwise staff approve it."
                        ),
                        verbose_name="issue certificate automatically",
                    ),
                ),
                (
                    "course",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="certificate_settings",
                        to="lessons.coursepage",
                    ),
                ),
            ],
            options={
                "verbose_name": "certificate settings",
                "verbose_name_plural": "certificate settings",
                "constraints": [
                    models.UniqueConstraint(fields=("course",), name="one_certificate_settings_per_course")
                ],
            },
        ),
        migrations.RunPython(copy_from_course_pages, copy_back_to_course_pages),
    ]
