"""Background work on the project's task queue (django-tasks, run by ``manage.py db_worker``)."""

from django.contrib.auth import get_user_model
from django_tasks import task

from lessons.models import CoursePage

from . import services
from .models import BulkIssueJob


@task()
def issue_certificate(user_id, course_id):
    """Issue one learner's certificate after they complete an auto-issuing course; returns its id."""
    learner = get_user_model().objects.select_related("home_centre").get(pk=user_id)
    course = CoursePage.objects.get(pk=course_id)
    certificate, _created = services.issue(learner, course)
    return certificate.pk


@task()
def bulk_issue(job_id):
    """Issue to every learner of the job's centre who completed its course; returns how many were new."""
    job = BulkIssueJob.objects.select_related("centre", "course", "requested_by").get(pk=job_id)
    return services.run_bulk_issue(job).issued
