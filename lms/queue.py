"""The database task queue after a worker died (kill -9, power cut, OOM killer).

django-tasks-db marks a task RUNNING when a worker claims it and never looks at it again: if that worker dies,
the task stays RUNNING for ever. Each worker has a stable id (``--worker-id``, ``%H-%i`` in the systemd unit),
so when a worker with that id starts again, no task it claimed can still be running: put those back on the
queue. Our tasks are idempotent (a certificate is issued at most once per learner and course), so running one
again completes it without doubling anything.
"""

from django.db import transaction
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult


def requeue_orphaned(worker_id):
    """Set the tasks last claimed by ``worker_id`` and still RUNNING back to READY; returns their ids."""
    with transaction.atomic():
        running = DBTaskResult.objects.select_for_update().filter(status=TaskResultStatus.RUNNING)
        orphaned = [task.pk for task in running if task.worker_ids and task.worker_ids[-1] == worker_id]
        DBTaskResult.objects.filter(pk__in=orphaned).update(status=TaskResultStatus.READY, started_at=None)
    return orphaned
