"""The review workflow and its task get Thai names: Wagtail shows them on buttons ("ส่งให้เจ้าหน้าที่ศูนย์ตรวจ")."""

from django.db import migrations

NAMES = [("Review by centre staff", "เจ้าหน้าที่ศูนย์ตรวจ"), ("Centre staff approval", "เจ้าหน้าที่ศูนย์อนุมัติ")]


def rename(apps, pairs):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    (workflow_old, workflow_new), (task_old, task_new) = pairs
    Workflow.objects.filter(name=workflow_old).update(name=workflow_new)
    Task.objects.filter(name=task_old).update(name=task_new)


def to_thai(apps, schema_editor):
    rename(apps, NAMES)


def to_english(apps, schema_editor):
    rename(apps, [(new, old) for old, new in NAMES])


class Migration(migrations.Migration):
    dependencies = [("lessons", "0002_roles_and_review_workflow")]

    operations = [migrations.RunPython(to_thai, to_english)]
