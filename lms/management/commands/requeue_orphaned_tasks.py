from django.core.management.base import BaseCommand

from lms.queue import requeue_orphaned


class Command(BaseCommand):
    help = (
        "Put back on the queue the tasks a dead db_worker left running (lms/queue.py). Run it before starting "
        "the worker with the same --worker-id (ExecStartPre in deploy/systemd/lms-worker@.service)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--worker-id", required=True, help="the --worker-id of the db_worker about to start")

    def handle(self, worker_id, **options):
        requeued = requeue_orphaned(worker_id)
        self.stdout.write(f"requeued {len(requeued)} task(s) left running by worker {worker_id}")
        for pk in requeued:
            self.stdout.write(f"  {pk}")
