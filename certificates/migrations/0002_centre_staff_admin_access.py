"""Centre staff issue and revoke certificates in the Wagtail admin, so their group needs admin access."""

from django.db import migrations

GROUP = "Centre staff"


def grant_admin_access(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    admin_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_type, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(access_admin)


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0001_initial"),
        ("learners", "0003_centre_staff_group"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant_admin_access, migrations.RunPython.noop)]
