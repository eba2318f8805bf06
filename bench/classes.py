"""The live class board under gunicorn: response time and query count for 30 and 100 learners.

Run: DATABASE_URL=postgres://... .venv/bin/python -m bench.classes   (default: var/bench.sqlite3)
Prints, per class size: the number of queries ``classes.services.board`` makes (must not grow with the
class) and the median / p95 time of the htmx board fragment (``HX-Request``) over 40 requests.
"""

import datetime
import os
import statistics
import time
import urllib.request

from bench._server import running_server

SIZES = (30, 100)
REQUESTS = 40


def seed(size):
    from django.contrib.auth.models import Permission
    from django.utils import timezone

    from classes import services
    from classes.models import Attendance, Class, Session
    from learners.models import Centre, Membership, User
    from lessons.models import CoursePage, LessonPage, LessonProgress

    Class.objects.filter(name__startswith="BENCH-CLASS").delete()
    User.objects.filter(username__startswith="bench-cls-").delete()
    centre, _ = Centre.objects.get_or_create(
        code="BENCH-CLS", defaults={"name_th": "ศูนย์ทดสอบชั้นเรียน", "province": "น่าน"}
    )
    trainer = User.objects.create(username=f"bench-cls-trainer-{size}", display_name="ครูทดสอบ", home_centre=centre)
    trainer.user_permissions.add(Permission.objects.get(codename="access_admin"))
    Membership.objects.create(user=trainer, centre=centre, role=Membership.Role.TRAINER)
    course = CoursePage.objects.live().order_by("pk").first()
    lessons = list(LessonPage.objects.child_of(course).live().order_by("path"))
    klass = services.create_class(
        centre=centre,
        name=f"BENCH-CLASS {size}",
        courses=[course],
        trainer=trainer,
        start_date=timezone.localdate(),
        created_by=trainer,
    )
    now = timezone.localtime()
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    start = max(now - datetime.timedelta(minutes=30), midnight).time().replace(second=0, microsecond=0)
    end = datetime.time(23, 59)
    session = Session.objects.create(klass=klass, date=now.date(), start_time=start, end_time=end)
    learners = User.objects.bulk_create(
        [User(username=f"bench-cls-{size}-{n}", display_name=f"ผู้เรียน {n}", home_centre=centre) for n in range(size)]
    )
    services.add_members(klass, learners)
    Attendance.objects.bulk_create([Attendance(session=session, user=user) for user in learners[::2]])
    LessonProgress.objects.bulk_create(
        [
            LessonProgress(user=user, lesson=lesson, course=course, completed_at=timezone.now())
            for n, user in enumerate(learners)
            for lesson in lessons[: n % (len(lessons) + 1)]
        ]
    )
    return klass, session, trainer


def cookie(user):
    from django.test import Client

    client = Client()
    client.force_login(user, backend="learners.backends.UsernameOrMobileBackend")
    return client.cookies["sessionid"].value


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.bench")
    with running_server() as base:
        import django

        django.setup()
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from classes import services

        print(f"database: {connection.vendor}")
        for size in SIZES:
            klass, session, trainer = seed(size)
            with CaptureQueriesContext(connection) as queries:
                services.board(klass, session)
            url = f"{base}/admin/classes/{klass.pk}/board/?session={session.pk}"
            headers = {"Cookie": f"sessionid={cookie(trainer)}", "HX-Request": "true", "Accept-Language": "th"}
            times = []
            for _ in range(REQUESTS):
                request = urllib.request.Request(url, headers=headers)
                start = time.perf_counter()
                with urllib.request.urlopen(request) as response:
                    body = response.read()
                times.append((time.perf_counter() - start) * 1000)
            rows = body.decode().count('data-testid="board-row"')
            p95 = statistics.quantiles(times, n=20)[-1]
            print(
                f"{size:>4} learners: board service {len(queries)} queries; fragment {rows} rows, "
                f"median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms"
            )
    print("repeat: DATABASE_URL=postgres://postgres@127.0.0.1:5432/<db> .venv/bin/python -m bench.classes")


if __name__ == "__main__":
    main()
