"""The suite's own setup: transactional tests get the migrated rows back by re-running the data migrations
(tests/conftest.py ``restore_migrated_rows``), so that list must stay complete and give the migrated rows."""

import importlib
import inspect
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission, Page, Task, Workflow, WorkflowPage

from tests.conftest import DATA_MIGRATIONS, restore_migrated_rows
from tests.lms.test_translations import project_apps

# Data migrations that only copy or move existing rows (a fresh database has none) or build indexes that a
# flush keeps: nothing to run again after a flush.
NOTHING_TO_RESTORE = {
    "lessons.migrations.0003_anonymous_progress_moved_from_learners",
    "lessons.migrations.0005_search_index_on_title_and_body",
    "certificates.migrations.0003_course_certificate_settings",
    "practice.migrations.0003_practice_pages_into_lessons",
}


def test_data_migrations_are_listed():
    """A new data migration must be added to DATA_MIGRATIONS (it creates rows) or to NOTHING_TO_RESTORE."""
    found = set()
    for app in project_apps():
        for path in sorted((Path(app.path) / "migrations").glob("0*.py")):
            module = importlib.import_module(f"{app.name}.migrations.{path.stem}")
            if "RunPython" in inspect.getsource(module):
                found.add(module.__name__)
    assert found == {module for module, _function in DATA_MIGRATIONS} | NOTHING_TO_RESTORE


def roles():
    """The groups, permissions and review workflow the project's data migrations create."""
    groups = {
        group.name: sorted(group.permissions.values_list("content_type__app_label", "codename"))
        for group in Group.objects.exclude(name__in=["Moderators", "Editors"])
    }
    page_permissions = sorted(
        GroupPagePermission.objects.exclude(group__name__in=["Moderators", "Editors"]).values_list(
            "group__name", "page__depth", "permission__codename"
        )
    )
    root = Page.get_first_root_node()
    workflow = WorkflowPage.objects.get(page=root).workflow
    tasks = [(task.name, sorted(task.specific.groups.values_list("name", flat=True))) for task in workflow.tasks]
    return groups, page_permissions, workflow.name, tasks


@pytest.mark.django_db
def test_restoring_after_a_flush_gives_the_migrated_roles_and_workflow():
    migrated = roles()
    assert {"Trainers", "Centre staff", "National staff"} <= set(migrated[0])
    WorkflowPage.objects.all().delete()
    Workflow.objects.all().delete()
    Task.objects.all().delete()
    Group.objects.all().delete()

    restore_migrated_rows()

    assert roles() == migrated
