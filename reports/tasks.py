"""Background work on the project's task queue (django-tasks, run by ``manage.py db_worker``)."""

from django_tasks import task

from . import class_import, services
from .models import AccountBatch


@task()
def refresh_figures_task():
    """Rebuild the dashboards' figures; returns how long it took in seconds."""
    return services.refresh_figures().seconds


@task()
def create_class_accounts(batch_id):
    """Create the accounts of one "accounts for a class" submission; returns how many were created."""
    batch = AccountBatch.objects.select_related("centre", "klass", "created_by").get(pk=batch_id)
    return class_import.run(batch).done
