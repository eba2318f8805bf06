from django.db import migrations


class Migration(migrations.Migration):
    """The switch now lives in ``certificates.CourseCertificateSettings`` (copied there before this runs)."""

    dependencies = [("lessons", "0003_anonymous_progress_moved_from_learners")]

    operations = [migrations.RemoveField(model_name="coursepage", name="auto_issue_certificate")]
