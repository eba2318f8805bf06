"""Reports at national size on PostgreSQL: seed once, then time each report over HTTP (gunicorn).

Run: .venv/bin/python -m bench.reports            (seeds on first run, about 3–5 minutes; later runs reuse it)
     .venv/bin/python -m bench.reports --reseed   (drop and seed again)
Database: DATABASE_URL (default postgres://postgres@127.0.0.1:5433/bench_reports; created when missing).
Seed: 2,281 centres, 200,000 learners, ~500,000 enrolments, 2,000,000 lesson-progress rows, 500,000 quiz
attempts and a certificate per completed enrolment, all with SQL ``INSERT ... SELECT generate_series``.
Learners are spread unevenly (a few centres have thousands, most have tens), as in real life.
Target: each dashboard view <= 1 s.
"""

import os
import statistics
import sys
import time
import urllib.request
from urllib.parse import quote

DEFAULT_URL = "postgres://postgres@127.0.0.1:5433/bench_reports"
CENTRES, LEARNERS, PROGRESS, ATTEMPTS = 2281, 200_000, 2_000_000, 500_000
RUNS = 5
TARGET_SECONDS = 1.0
PROVINCES = (
    "กรุงเทพมหานคร กระบี่ กาญจนบุรี กาฬสินธุ์ กำแพงเพชร ขอนแก่น จันทบุรี ฉะเชิงเทรา ชลบุรี ชัยนาท ชัยภูมิ ชุมพร เชียงราย "
    "เชียงใหม่ ตรัง ตราด ตาก นครนายก นครปฐม นครพนม นครราชสีมา นครศรีธรรมราช นครสวรรค์ นนทบุรี นราธิวาส น่าน บึงกาฬ "
    "บุรีรัมย์ ปทุมธานี ประจวบคีรีขันธ์ ปราจีนบุรี ปัตตานี พระนครศรีอยุธยา พะเยา พังงา พัทลุง พิจิตร พิษณุโลก เพชรบุรี "
    "เพชรบูรณ์ แพร่ ภูเก็ต มหาสารคาม มุกดาหาร แม่ฮ่องสอน ยโสธร ยะลา ร้อยเอ็ด ระนอง ระยอง ราชบุรี ลพบุรี ลำปาง ลำพูน เลย "
    "ศรีสะเกษ สกลนคร สงขลา สตูล สมุทรปราการ สมุทรสงคราม สมุทรสาคร สระแก้ว สระบุรี สิงห์บุรี สุโขทัย สุพรรณบุรี "
    "สุราษฎร์ธานี สุรินทร์ หนองคาย หนองบัวลำภู อ่างทอง อำนาจเจริญ อุดรธานี อุตรดิตถ์ อุทัยธานี อุบลราชธานี"
).split()
FIRST_NAMES = "สมชาย สมหญิง มาลี บุญมี ประเสริฐ วิไล สุดา อำนาจ จันทร์เพ็ญ ทองดี นิภา สมศักดิ์ ปราณี ชัยวัฒน์ อรุณี".split()
LAST_NAMES = "ใจดี ศรีสุข รักเรียน ทองคำ แก้วมณี มีสุข บุญเรือง สายทอง พรหมมา ศรีวงศ์ ดวงแก้ว คำแสน".split()


def ensure_database(url):
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if "--reseed" in sys.argv and exists:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def setup_django(url):
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "lms.settings.bench"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", "--noinput", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    call_command("compilemessages", "--ignore=.venv", "--ignore=var", verbosity=0)


def ensure_pages():
    """Four courses of five lessons with a quiz each, made through Wagtail's page API."""
    from lessons.demo import ensure_site
    from lessons.models import CoursePage, LessonPage
    from quizzes.models import QuizPage
    from tests.factories import quiz_questions

    _home, catalog = ensure_site()
    for number in range(1, 5):
        slug = f"bench-course-{number}"
        course = CoursePage.objects.filter(slug=slug).first()
        if course is None:
            course = catalog.add_child(
                instance=CoursePage(title=f"หลักสูตรทดสอบ {number}", slug=slug, summary="ทดสอบ", locale=catalog.locale)
            )
            for lesson in range(1, 6):
                course.add_child(
                    instance=LessonPage(title=f"บทเรียน {lesson}", slug=f"{slug}-lesson-{lesson}", locale=catalog.locale)
                )
            course.add_child(
                instance=QuizPage(
                    title="แบบทดสอบ", slug=f"{slug}-quiz", locale=catalog.locale, questions=quiz_questions(5)
                )
            )


def seeded():
    from lessons.models import LessonProgress

    return LessonProgress.objects.filter(user__username__startswith="bench").exists()


def seed():
    from django.contrib.auth.hashers import make_password
    from django.db import connection

    from reports.services import source_courses

    courses = [course.pk for course in source_courses() if course.slug.startswith("bench-course-")]
    started = time.perf_counter()
    steps = [
        (
            "centres",
            """INSERT INTO learners_centre (code, name_th, name_en, kind, province, district)
               SELECT 'BENCH-' || lpad(i::text, 4, '0'), 'ศูนย์ดิจิทัลชุมชนทดสอบ ' || i, 'Bench centre ' || i,
                      (ARRAY['temple','mosque','school','library','village_hall','coop'])[1 + i %% 6],
                      (%(provinces)s::text[])[1 + i %% array_length(%(provinces)s::text[], 1)], 'อำเภอ ' || (i %% 17)
               FROM generate_series(1, %(centres)s) i""",
        ),
        (
            "learners",
            """WITH c AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM learners_centre
                          WHERE code LIKE 'BENCH-%%')
               INSERT INTO learners_user (password, last_login, is_superuser, username, first_name, last_name, email,
                                          is_staff, is_active, date_joined, display_name, mobile, home_centre_id)
               SELECT %(password)s, now() - random() * interval '120 days', false, 'bench' || i, '', '', '', false,
                      true, now() - interval '30 days' - random() * interval '700 days',
                      (%(first)s::text[])[1 + i %% 15] || ' ' || (%(last)s::text[])[1 + (i / 15) %% 12] || ' ' || i,
                      CASE WHEN i %% 3 = 0 THEN '08' || lpad(i::text, 8, '0') END, c.id
               FROM generate_series(1, %(learners)s) i
               JOIN c ON c.n = floor(%(centres)s * power(((i::bigint * 7919) %% 10007) / 10007.0, 2))::int""",
        ),
        (
            "memberships",
            """INSERT INTO learners_membership (user_id, centre_id, role, created_at)
               SELECT id, home_centre_id, 'learner', date_joined FROM learners_user WHERE username LIKE 'bench%%'""",
        ),
        (
            "enrolments",
            """INSERT INTO lessons_enrolment (user_id, course_id, started_at, last_visited_at, completed_at)
               SELECT u.id, (%(courses)s::int[])[1 + (u.id + j) %% 4], s.t, s.t + random() * (now() - s.t),
                      CASE WHEN random() < 0.45 THEN s.t + random() * least(now() - s.t, interval '40 days') END
               FROM learners_user u CROSS JOIN generate_series(0, 3) j
               CROSS JOIN LATERAL (SELECT u.date_joined + random() * (now() - u.date_joined) AS t) s
               WHERE u.username LIKE 'bench%%' AND j <= u.id %% 4""",
        ),
        (
            "fix visits",
            "UPDATE lessons_enrolment SET last_visited_at = completed_at WHERE completed_at > last_visited_at",
        ),
        (
            "lesson progress",
            """WITH l AS (SELECT p.id AS lesson_id, parent.id AS course_id,
                                 row_number() OVER (PARTITION BY parent.id ORDER BY p.path) AS ord
                          FROM wagtailcore_page p JOIN wagtailcore_page parent
                            ON p.path LIKE parent.path || '%%' AND p.depth = parent.depth + 1
                          JOIN lessons_lessonpage lp ON lp.page_ptr_id = p.id
                          WHERE parent.id = ANY(%(courses)s::int[]))
               INSERT INTO lessons_lessonprogress (user_id, lesson_id, course_id, started_at, completed_at)
               SELECT e.user_id, l.lesson_id, e.course_id, e.started_at,
                      CASE WHEN e.completed_at IS NOT NULL OR l.ord < 1 + e.id %% 5
                           THEN least(e.started_at + l.ord * interval '1 day', e.last_visited_at) END
               FROM lessons_enrolment e JOIN l ON l.course_id = e.course_id
               WHERE e.completed_at IS NOT NULL OR l.ord <= 1 + e.id %% 6
               LIMIT %(progress)s""",
        ),
        (
            "quiz attempts",
            """WITH q AS (SELECT p.id AS quiz_id, parent.id AS course_id FROM wagtailcore_page p
                          JOIN wagtailcore_page parent ON p.path LIKE parent.path || '%%' AND p.depth = parent.depth + 1
                          JOIN quizzes_quizpage qp ON qp.page_ptr_id = p.id WHERE parent.id = ANY(%(courses)s::int[]))
               INSERT INTO quizzes_quizattempt (user_id, quiz_id, started_at, finished_at, score, passed)
               SELECT e.user_id, q.quiz_id, a.t, a.t + interval '6 minutes', a.score, a.score >= 70
               FROM lessons_enrolment e JOIN q ON q.course_id = e.course_id
               CROSS JOIN generate_series(1, 2) n
               CROSS JOIN LATERAL (SELECT e.started_at + random() * (e.last_visited_at - e.started_at) AS t,
                                          (random() * 100)::int + n * 0 AS score) a
               WHERE n = 1 OR e.id %% 5 = 0
               LIMIT %(attempts)s""",
        ),
        (
            "certificates",
            """INSERT INTO certificates_certificate (learner_id, course_id, centre_id, learner_name, course_title_th,
                   course_title_en, issued_at, code, status, revoke_reason)
               SELECT e.user_id, e.course_id, u.home_centre_id, u.display_name, 'หลักสูตรทดสอบ', 'Bench course',
                      e.completed_at + interval '1 hour', 'BN' || lpad(e.id::text, 12, '0'), 'valid', ''
               FROM lessons_enrolment e JOIN learners_user u ON u.id = e.user_id
               WHERE e.completed_at IS NOT NULL AND u.username LIKE 'bench%%'""",
        ),
    ]
    params = {
        "provinces": list(PROVINCES),
        "centres": CENTRES,
        "learners": LEARNERS,
        "progress": PROGRESS,
        "attempts": ATTEMPTS,
        "password": make_password("bench-learner-password"),
        "first": FIRST_NAMES,
        "last": LAST_NAMES,
        "courses": courses,
    }
    with connection.cursor() as cursor:
        for label, sql in steps:
            step = time.perf_counter()
            cursor.execute(sql, params)
            print(f"  seeded {label:16} {cursor.rowcount:>10,} rows in {time.perf_counter() - step:6.1f} s", flush=True)
    with connection.cursor() as cursor:
        for table in ("learners_user", "lessons_enrolment", "lessons_lessonprogress", "quizzes_quizattempt"):
            cursor.execute(f"VACUUM ANALYZE {table}")
        cursor.execute("VACUUM ANALYZE certificates_certificate")
        cursor.execute("VACUUM ANALYZE learners_centre")
        cursor.execute("VACUUM ANALYZE learners_membership")
    print(f"  seeding took {time.perf_counter() - started:.0f} s")


def accounts():
    """A national staff member and the staff of the biggest and of a typical centre; returns session cookies."""
    from django.contrib.auth.models import Group
    from django.db.models import Count
    from django.test import Client

    from learners.models import Centre, Membership, User
    from reports.permissions import NATIONAL_STAFF_GROUP

    national, _ = User.objects.get_or_create(username="bench-national", defaults={"display_name": "ส่วนกลาง"})
    national.groups.add(Group.objects.get(name=NATIONAL_STAFF_GROUP))
    sizes = list(
        Centre.objects.filter(code__startswith="BENCH-")
        .annotate(n=Count("home_users"))
        .order_by("-n")
        .values_list("pk", "code", "n")
    )
    biggest, typical = sizes[0], sizes[len(sizes) // 2]
    cookies = {}
    for label, (pk, code, size) in (("big", biggest), ("typical", typical)):
        staff, _ = User.objects.get_or_create(username=f"bench-staff-{label}", defaults={"display_name": "เจ้าหน้าที่"})
        Membership.objects.get_or_create(user=staff, centre_id=pk, role=Membership.Role.STAFF)
        from django.contrib.auth.models import Permission

        staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
        cookies[label] = (_session(Client, staff), code, size)
    cookies["national"] = (_session(Client, national), None, None)
    return cookies


def _session(client_class, user):
    client = client_class()
    client.force_login(user, backend="learners.backends.UsernameOrMobileBackend")
    return client.cookies["sessionid"].value


def fetch(url, cookie):
    request = urllib.request.Request(quote(url, safe=":/?&=%"), headers={"Cookie": f"sessionid={cookie}"})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=300) as response:
        size = 0
        while chunk := response.read(65536):
            size += len(chunk)
        status = response.status
    return time.perf_counter() - started, size, status


def measure(base, label, path, cookie, runs=RUNS):
    fetch(base + path, cookie)  # warm-up: connection pool, caches
    timings = []
    for _ in range(runs):
        seconds, size, status = fetch(base + path, cookie)
        assert status == 200, (path, status)
        timings.append(seconds)
    median = statistics.median(timings)
    print(f"  {label:48} median {median * 1000:7.0f} ms   max {max(timings) * 1000:7.0f} ms   {size / 1024:9.0f} KB")
    return median


def main():
    url = os.environ.get("DATABASE_URL", DEFAULT_URL)
    if not url.startswith("postgres"):
        sys.exit("bench.reports needs PostgreSQL: DATABASE_URL=postgres://...")
    ensure_database(url)
    setup_django(url)
    from django.db import connection

    from bench._server import running_server
    from learners.models import Centre, User
    from lessons.models import Enrolment, LessonProgress
    from quizzes.models import QuizAttempt

    ensure_pages()
    if seeded():
        print("Already seeded (use --reseed to start again).")
    else:
        print("Seeding ...")
        seed()
    print(
        f"Data: {Centre.objects.count():,} centres, {User.objects.count():,} "
        f"users, {Enrolment.objects.count():,} enrolments, {LessonProgress.objects.count():,} lesson-progress rows, "
        f"{QuizAttempt.objects.count():,} quiz attempts"
    )
    from reports.services import refresh_figures

    refresh = refresh_figures()
    print(f"Rebuilding the dashboards' figures (background task): {refresh.seconds:.1f} s")
    sessions = accounts()
    connection.close()
    period = "month_from=2025-12&month_to=2026-11"
    big_cookie, big_code, big_size = sessions["big"]
    typical_cookie, typical_code, typical_size = sessions["typical"]
    national = sessions["national"][0]
    results = []
    with running_server(workers=2, extra_env={"DATABASE_URL": url}, prepare=False) as base:
        print(f"Timings over HTTP (gunicorn, {RUNS} runs after a warm-up):")
        admin = "/admin/centre-reports/"
        results.append(
            measure(
                base,
                f"centre dashboard, typical centre ({typical_size} learners)",
                admin + "?" + period,
                typical_cookie,
            )
        )
        results.append(
            measure(base, f"centre dashboard, biggest centre ({big_size} learners)", admin + "?" + period, big_cookie)
        )
        results.append(
            measure(base, "province dashboard (national staff)", admin + "?province=เชียงใหม่&" + period, national)
        )
        results.append(measure(base, "national dashboard", admin + "?" + period, national))
        measure(base, "national dashboard, one course", admin + f"?course={_first_course()}&" + period, national)
        measure(base, "learner list, biggest centre, page 1", admin + "learners/", big_cookie)
        measure(base, "learner list, biggest centre, search สมชาย", admin + "learners/?q=สมชาย", big_cookie)
        measure(base, "learner list, national, page 100", admin + "learners/?p=100", national)
        measure(base, "CSV export, learners of the biggest centre", admin + "export/learners.csv", big_cookie)
        measure(base, "CSV export, centre ranking (2,281 rows)", admin + "export/centres.csv?" + period, national)
        measure(base, "XLSX export, centre ranking (2,281 rows)", admin + "export/centres.xlsx?" + period, national)
        measure(base, "CSV export, learners of a province", admin + "export/learners.csv?province=เชียงใหม่", national)
    worst = max(results)
    print(f"Slowest dashboard view: {worst * 1000:.0f} ms (target {TARGET_SECONDS * 1000:.0f} ms)")
    print("command: .venv/bin/python -m bench.reports   (DATABASE_URL=" + url + ")")
    sys.exit(0 if worst <= TARGET_SECONDS else 1)


def _first_course():
    from reports.services import source_courses

    return next(course.pk for course in source_courses() if course.slug.startswith("bench-course-"))


if __name__ == "__main__":
    main()
