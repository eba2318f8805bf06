"""The real queue (django-tasks-db + db_worker) and real concurrency on PostgreSQL."""

import os
import threading

import pytest
from django.core.management import call_command
from django.db import connection

from certificates import services
from certificates.models import BulkIssueJob, Certificate
from certificates.tasks import bulk_issue, issue_certificate
from tests.factories import build_course, complete

pytestmark = pytest.mark.django_db(transaction=True)


def run_worker():
    call_command(
        "db_worker",
        "--batch",
        "--backend",
        "database",
        "--no-startup-delay",
        "--interval",
        "0",
        "--no-reload",
        verbosity=0,
    )


def test_bulk_issue_runs_on_the_database_queue_with_the_worker(site, staff, centre):
    from tests.factories import UserFactory

    course, lessons = build_course(site["catalog"], auto_issue=False)
    learners = [UserFactory(username=f"q-{n}", home_centre=centre) for n in range(12)]
    for user in learners:
        complete(user, lessons)
    job = BulkIssueJob.objects.create(centre=centre, course=course, requested_by=staff)
    bulk_issue.using(backend="database").enqueue(job.pk)
    job.refresh_from_db()
    assert job.status == BulkIssueJob.Status.PENDING and not Certificate.objects.exists()
    run_worker()
    job.refresh_from_db()
    assert job.status == BulkIssueJob.Status.DONE and (job.total, job.done, job.issued) == (12, 12, 12)
    assert set(Certificate.objects.values_list("learner_id", flat=True)) == {u.pk for u in learners}


def test_bulk_issue_left_running_by_a_dead_worker_completes_after_its_restart_without_doubles(
    site, staff, centre, monkeypatch
):
    """The worker dies (like kill -9) after the first chunk of 25 committed: task and job stay RUNNING."""
    from django_tasks_db.models import DBTaskResult

    from tests.factories import UserFactory

    course, lessons = build_course(site["catalog"], auto_issue=False)
    learners = [UserFactory(username=f"k-{n}", home_centre=centre) for n in range(30)]
    for user in learners:
        complete(user, lessons)
    job = BulkIssueJob.objects.create(centre=centre, course=course, requested_by=staff)
    bulk_issue.using(backend="database").enqueue(job.pk)
    elsewhere = issue_certificate.using(backend="database").enqueue(learners[0].pk, course.pk)
    DBTaskResult.objects.get(pk=elsewhere.id).claim("cdc-2")  # running on a live worker: left alone
    claimed = DBTaskResult.objects.get(task_path__endswith="bulk_issue")
    claimed.claim("cdc-1")
    real_issue, calls = services.issue, []

    def issue_then_die(*args, **kwargs):
        calls.append(1)
        if len(calls) > 27:
            raise KeyboardInterrupt  # not an Exception: the job is not marked failed, as with SIGKILL
        return real_issue(*args, **kwargs)

    monkeypatch.setattr(services, "issue", issue_then_die)
    with pytest.raises(KeyboardInterrupt):
        bulk_issue.call(job.pk)
    monkeypatch.setattr(services, "issue", real_issue)
    job.refresh_from_db()
    assert (job.status, job.done, Certificate.objects.count()) == (BulkIssueJob.Status.RUNNING, 25, 25)

    run_worker()  # without the requeue the task is stuck: nothing READY
    assert DBTaskResult.objects.get(pk=claimed.pk).status == "RUNNING"
    call_command("requeue_orphaned_tasks", worker_id="cdc-1", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert DBTaskResult.objects.get(pk=elsewhere.id).status == "RUNNING"
    run_worker()
    job.refresh_from_db()
    assert DBTaskResult.objects.get(pk=claimed.pk).status == "SUCCESSFUL"
    assert (job.status, job.total, job.done, job.issued) == (BulkIssueJob.Status.DONE, 30, 30, 30)
    holders = list(Certificate.objects.filter(course=course).values_list("learner_id", flat=True))
    assert sorted(holders) == sorted(u.pk for u in learners)


def test_issue_certificate_task_on_the_queue_is_idempotent(site, learner):
    course, lessons = build_course(site["catalog"], auto_issue=False)
    complete(learner, lessons)
    for _ in range(2):
        issue_certificate.using(backend="database").enqueue(learner.pk, course.pk)
    run_worker()
    assert Certificate.objects.filter(learner=learner, course=course, status="valid").count() == 1


@pytest.mark.postgres
def test_two_concurrent_issues_give_one_certificate(site, learner, monkeypatch):
    """Both requests pass the "already has one?" check before either inserts: the partial index decides."""
    course, lessons = build_course(site["catalog"], auto_issue=False)
    complete(learner, lessons)
    barrier = threading.Barrier(2, timeout=10)
    real_has_completed = services.has_completed

    def has_completed_then_wait(*args):
        result = real_has_completed(*args)
        barrier.wait()
        return result

    monkeypatch.setattr(services, "has_completed", has_completed_then_wait)
    results, errors = [], []

    def issue():
        try:
            results.append(services.issue(learner, course))
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert sorted(created for _, created in results) == [False, True]
    assert len({certificate.pk for certificate, _ in results}) == 1
    assert Certificate.objects.filter(learner=learner, course=course).count() == 1
