from django.db import migrations


class Migration(migrations.Migration):
    """The rows were copied to ``lessons.AnonymousProgress`` first (that migration runs before this one)."""

    dependencies = [("learners", "0003_centre_staff_group")]

    operations = [migrations.DeleteModel(name="AnonymousProgress")]
