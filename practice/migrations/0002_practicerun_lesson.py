import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("lessons", "0004_remove_coursepage_auto_issue_certificate"),
        ("practice", "0001_practice_pages_runs_choices"),
    ]

    operations = [
        # Runs outlive their practice page (0003 moves them to the lesson before deleting the page).
        migrations.AlterField(
            model_name="practicerun",
            name="page",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="runs",
                to="practice.practicepage",
            ),
        ),
        migrations.AddField(
            model_name="practicerun",
            name="lesson",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="practice_runs",
                to="lessons.lessonpage",
            ),
        ),
    ]
