"""Background work on the project's task queue (django-tasks, run by ``manage.py db_worker``)."""

from django_tasks import task

from . import services


@task()
def refresh_figures_task():
    """Rebuild the dashboards' figures; returns how long it took in seconds."""
    return services.refresh_figures().seconds
