"""Bad input never gives a 500: every URL pattern of the project, and the Wagtail pages as routed today, get
missing, huge, non-UTF-8, NUL, Unicode-digit, negative and overflow values in every path id, query
parameter and form field, as an anonymous visitor, a learner and centre staff.

Asserted: no 5xx ever; a 4xx (or a redirect to sign in) where the value is invalid for an id, a search box
or a text field; no database row written by the bad requests. Runs on SQLite and, with
``DATABASE_URL=postgres://...``, on PostgreSQL. Prints the totals (requests, 4xx, 5xx).
"""

import logging
import re
import sys
import uuid
from collections import Counter
from urllib.parse import quote

import pytest
from django.apps import apps
from django.core.signals import got_request_exception
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation

pytestmark = pytest.mark.django_db

# Values as they go on the wire (already percent-encoded).
HUGE = "9" * 5000
BAD = {
    "huge": HUGE,
    "overflow": str(2**63),
    "negative": "-1",
    "zero": "0",
    "superscript": quote("²"),
    "arabic-indic": quote("٣"),
    "thai-digit": quote("๓"),
    "nul": "%00",
    "nul-inside": "1%002",
    "non-utf8": "%FF%FE",
}
ID = "id"  # any bad value is invalid: 4xx
SEARCH = "search"  # NUL, too long: 4xx
TEXT = "text"  # only NUL and too long are sent (other text is valid input with side effects): 4xx
LENIENT = "lenient"  # ignored or passed through when malformed (``next``, pagination): never 5xx
VALUES = {
    ID: list(BAD),
    SEARCH: ["nul", "nul-inside", "huge"],
    TEXT: ["nul", "nul-inside", "huge"],
    LENIENT: list(BAD),
}

# Per URL name: the fields each method reads. A URL missing here fails the test, so new views get fuzzed.
REPORT_FILTERS = {"centre": TEXT, "province": LENIENT, "course": ID, "month_from": TEXT, "month_to": TEXT, "p": LENIENT}
SPEC = {
    "healthz": {"GET": {}},
    "backoffice_slug": {"GET": {"title": TEXT}},
    "wagtailcore_authenticate_with_password": {"GET": {}, "POST": {"password": LENIENT, "return_url": LENIENT}},
    # A failed sign-in answers 200 with the form's error, like Django's LoginView.
    "learners:login": {"GET": {"next": LENIENT}, "POST": {"username": LENIENT, "password": LENIENT, "next": LENIENT}},
    "learners:logout": {"POST": {"next": LENIENT}},
    "learners:signup": {
        "GET": {"next": LENIENT, "centre_q": SEARCH},
        "POST": {"display_name": TEXT, "login": TEXT, "centre": ID, "email": TEXT, "centre_q": SEARCH, "next": LENIENT},
    },
    "learners:forgot_password": {"GET": {}},
    "learners:display": {"GET": {"next": LENIENT}, "POST": {"text_size": ID, "high_contrast": ID, "next": LENIENT}},
    "learners:centre_picker": {"GET": {"centre_q": SEARCH, "centre": LENIENT, "scope": LENIENT}},
    "learners:password_change": {
        "GET": {},
        "POST": {"old_password": LENIENT, "new_password1": LENIENT, "new_password2": LENIENT},
    },
    "learners:my_data": {"GET": {}},
    "learners:my_data_json": {"GET": {}},
    "learners:my_data_csv": {"GET": {}},
    "learners:request_deletion": {"POST": {}},
    "learners:cancel_deletion": {"POST": {}},
    "learners:staff_home": {"GET": {"q": SEARCH}},
    "learners:staff_create_learner": {
        "GET": {"centre_q": SEARCH},
        "POST": {"display_name": TEXT, "login": TEXT, "centre": ID, "email": TEXT, "centre_q": SEARCH},
    },
    "learners:staff_reset_password": {"GET": {}, "POST": {}},
    "learners:staff_confirm_deletion": {"GET": {}, "POST": {}},
    "lessons:search": {"GET": {"q": SEARCH, "page": LENIENT}},
    "lessons:my_learning": {"GET": {}},
    "certificates:download": {"GET": {}},
    "certificates:badge_json": {"GET": {}},
    "certificates:badge_png": {"GET": {}},
    "certificates:badge_share": {"POST": {"action": TEXT}},
    "certificates:badge_share_page": {"GET": {}},
    "certificates:verify_credential": {"GET": {}, "POST": {"text": TEXT}},
    "certificates:verify": {"GET": {"code": TEXT}},
    "certificates:verify_code": {"GET": {}},
    "certificates_admin:index": {
        "GET": {"q": SEARCH, "course": ID, "centre": ID, "status": TEXT, "p": LENIENT},
    },
    "certificates_admin:index_results": {
        "GET": {"q": SEARCH, "course": ID, "centre": ID, "status": TEXT, "p": LENIENT},
    },
    "certificates_admin:awaiting": {"GET": {"centre": ID, "course": ID}},
    "certificates_admin:issue": {"POST": {"centre": ID, "course": ID, "learner": ID}},
    "certificates_admin:bulk_issue": {"POST": {"centre": ID, "course": ID}},
    "certificates_admin:job": {"GET": {}},
    "certificates_admin:revoke": {"GET": {}, "POST": {"reason": TEXT}},
    "certificates_admin:reissue": {"GET": {}, "POST": {"learner_name": TEXT}},
    "quizzes_statistics_index": {"GET": {}},
    "quizzes_statistics": {"GET": {}},
    "reports_admin:dashboard": {"GET": REPORT_FILTERS},
    "reports_admin:learners": {"GET": {"centre": TEXT, "province": LENIENT, "q": SEARCH, "p": LENIENT}},
    "reports_admin:class_import": {"GET": {"centre": TEXT}, "POST": {"centre": TEXT, "names": TEXT, "key": ID}},
    "reports_admin:class_sheet": {"GET": {}},
    "reports_admin:export": {"GET": REPORT_FILTERS},
    "reports_admin:session_sheet": {"GET": {}},
    "badges:jwks": {"GET": {}},
    "badges:issuer": {"GET": {}},
    "badges:centre": {"GET": {}},
    "badges:achievement": {"GET": {}},
    "badges:achievement_image": {"GET": {}},
    "badges:status_list": {"GET": {}},
    "badges:preview": {"GET": {}},
    "classes:mine": {"GET": {}},
    "classes:join": {"GET": {"code": LENIENT}, "POST": {"code": TEXT}},
    "classes:check_in": {"GET": {"code": LENIENT}, "POST": {"code": TEXT}},
    "classes_admin:list": {"GET": {}},
    "classes_admin:create": {
        "GET": {},
        "POST": {"centre": ID, "name": TEXT, "courses": ID, "trainer": ID, "start_date": TEXT},
    },
    "classes_admin:policy": {"POST": {"trainers_may_create": LENIENT}},
    "classes_admin:detail": {"GET": {}},
    "classes_admin:edit": {
        "GET": {},
        "POST": {"centre": ID, "name": TEXT, "courses": ID, "trainer": ID, "start_date": TEXT},
    },
    "classes_admin:add_session": {"POST": {"date": TEXT, "start_time": TEXT, "end_time": TEXT, "place": TEXT}},
    "classes_admin:add_member": {"POST": {"login": TEXT}},
    "classes_admin:remove_member": {"POST": {}},
    "classes_admin:board": {"GET": {"session": LENIENT}},
    "classes_admin:check_in_screen": {"GET": {}},
    "classes_admin:roster": {"GET": {}, "POST": {"learner": LENIENT}},
    "practice:act": {"POST": {"step": TEXT, "choice": TEXT}},
    "practice:again": {"POST": {}},
    "practice_statistics_index": {"GET": {}},
    "practice_statistics": {"GET": {}},
    "readaloud:audio": {"GET": {}},
    "service_worker": {"GET": {}},
    "offline:manifest": {"GET": {}},
    "offline:pack": {"GET": {}},
    "offline:quiz": {"GET": {}},
    "offline:unavailable": {"GET": {}},
    "offline:sync": {"GET": {}, "POST": {"actions": TEXT}},
    # Wagtail pages (the catch-all ``wagtail_serve`` route), fuzzed through their real URLs.
    "page:home": {"GET": {}},
    "page:course": {"GET": {}},
    "page:lesson": {"GET": {}},
    "page:quiz": {"GET": {"attempt": LENIENT, "feedback": LENIENT}},
    "page:lesson_with_practice": {"GET": {}},
    # Sub-routes of the pages (RoutablePageMixin): the page's URL + the route.
    "page:lesson_done": {"POST": {"next": LENIENT}},
    "page:quiz_start": {"POST": {}},
    "page:quiz_answer": {"POST": {"attempt": ID, "question": TEXT, "option": LENIENT}},
    "page:quiz_current": {"GET": {"attempt": LENIENT}},
}
OURS = (
    "learners:",
    "lessons:",
    "quizzes:",
    "certificates:",
    "certificates_admin:",
    "reports_admin:",
    "badges:",
    "classes:",
    "classes_admin:",
    "practice:",
    "readaloud:",
    "offline:",
)
OUR_NAMES = (
    "healthz",
    "backoffice_slug",
    "quizzes_statistics_index",
    "quizzes_statistics",
    "practice_statistics_index",
    "practice_statistics",
    "service_worker",
    "wagtailcore_authenticate_with_password",
)
# Views that send a signed-in person on before reading any input (sign-up, sign-in).
SIGNED_IN_SENT_ON = {"learners:signup", "learners:login"}
# Tables that record the attempt itself, not user data: sessions, sign-in throttling, task results.
NOT_DATA = {"sessions.session", "axes.accessattempt", "axes.accesslog", "axes.accessfailurelog"}


def walk(patterns, prefix="", namespace=None, converters=None):
    """``(name, route, converters)`` of every named pattern; route and converters include those of the
    ``include()`` prefixes above it."""
    for entry in patterns:
        here = {**(converters or {}), **getattr(entry.pattern, "converters", {})}
        if isinstance(entry, URLResolver):
            inner = f"{namespace}:{entry.namespace}" if namespace and entry.namespace else entry.namespace or namespace
            yield from walk(entry.url_patterns, prefix + str(entry.pattern), inner, here)
        elif isinstance(entry, URLPattern) and entry.name:
            yield (f"{namespace}:{entry.name}" if namespace else entry.name), prefix + str(entry.pattern), here


def project_routes():
    """``{name: (route, converters)}`` for every URL pattern of the project's apps (Wagtail's own admin
    excluded)."""
    with translation.override("th"):
        return {
            name: (route, converters)
            for name, route, converters in walk(get_resolver().url_patterns)
            if name.startswith(OURS) or name in OUR_NAMES
        }


def row_counts():
    return {
        model._meta.label_lower: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.label_lower not in NOT_DATA and not model._meta.proxy and model._meta.managed
    }


@pytest.fixture
def world(site, settings):
    """A centre, a learner, a learner who asked for deletion, centre staff, a course with a quiz and a practice
    page, a certificate, and a class at the centre with a session today."""
    import datetime

    from django.contrib.auth.models import Group, Permission
    from django.utils import timezone

    from certificates import services as certificates
    from classes import services as classes
    from classes.models import Session
    from learners import privacy
    from learners.models import Membership
    from lessons.services import mark_done
    from quizzes.models import QuizAttempt
    from reports.models import AccountBatch
    from tests.factories import (
        CentreFactory,
        MembershipFactory,
        UserFactory,
        make_course,
        make_practice,
        make_quiz,
        quiz_questions,
    )

    settings.CERTIFICATES_VERIFY_RATE = "100000/m"
    settings.AXES_ENABLED = False
    centre = CentreFactory(code="CDC-FUZZ-1")
    group, _ = Group.objects.get_or_create(name="Centre staff")
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    staff = UserFactory(username="fuzz-staff", home_centre=centre, is_superuser=False)
    staff.groups.add(group)
    MembershipFactory(user=staff, centre=centre, role=Membership.Role.STAFF)
    learner = UserFactory(username="fuzz-learner", home_centre=centre)
    leaving = UserFactory(username="fuzz-leaving", home_centre=centre)
    deletion = privacy.request_deletion(leaving)
    course, lessons = make_course(site["catalog"], slug="fuzz", lessons=2)
    quiz = make_quiz(course, questions=quiz_questions(2, lesson=lessons[0]), required=False)
    for lesson in lessons:
        mark_done(learner, lesson)
    certificate, _ = certificates.issue(learner, course, issued_by=staff, centre=centre)
    job = certificates.start_bulk_issue(centre, course, staff)
    attempt = QuizAttempt.objects.create(user=learner, quiz=quiz)
    practice = make_practice(course)
    klass = classes.create_class(
        centre=centre,
        name="ชั้นเรียนทดสอบ",
        courses=[course],
        trainer=staff,
        start_date=timezone.localdate(),
        created_by=staff,
    )
    classes.add_members(klass, [learner], added_by=staff)
    session = Session.objects.create(
        klass=klass, date=timezone.localdate(), start_time=datetime.time(0), end_time=datetime.time(23, 59)
    )
    kwargs = {
        "quizzes_statistics": {"page_id": quiz.pk},
        "practice:act": {"page_id": practice.pk, "activity_key": "sim"},
        "practice:again": {"page_id": practice.pk, "activity_key": "sim"},
        "practice_statistics": {"page_id": practice.pk},
        "readaloud:audio": {"page_id": lessons[0].pk, "revision_id": lessons[0].pk, "part": "lesson"},
        "offline:pack": {"course_id": course.pk},
        "offline:quiz": {"page_id": quiz.pk},
        "classes_admin:policy": {"centre": centre.pk},
        "classes_admin:detail": {"pk": klass.pk},
        "classes_admin:edit": {"pk": klass.pk},
        "classes_admin:add_session": {"pk": klass.pk},
        "classes_admin:add_member": {"pk": klass.pk},
        "classes_admin:remove_member": {"pk": klass.pk, "user_id": leaving.pk},
        "classes_admin:board": {"pk": klass.pk},
        "classes_admin:check_in_screen": {"session": session.pk},
        "classes_admin:roster": {"session": session.pk},
        "reports_admin:session_sheet": {"session": session.pk, "fmt": "csv"},
        "badges:centre": {"pk": centre.pk},
        "badges:achievement": {"pk": course.pk},
        "badges:achievement_image": {"pk": course.pk},
        "badges:status_list": {"number": 0},
        "badges:preview": {"code": certificate.code},
        "certificates:badge_json": {"pk": certificate.pk},
        "certificates:badge_png": {"pk": certificate.pk},
        "certificates:badge_share": {"pk": certificate.pk},
        "certificates:badge_share_page": {"code": certificate.code},
        "learners:staff_reset_password": {"user_id": learner.pk},
        "learners:staff_confirm_deletion": {"request_id": deletion.pk},
        "certificates:download": {"pk": certificate.pk},
        "certificates:verify_code": {"code": certificate.code},
        "certificates_admin:job": {"pk": job.pk},
        "certificates_admin:revoke": {"pk": certificate.pk},
        "certificates_admin:reissue": {"pk": certificate.pk},
        "reports_admin:export": {"report": "courses", "fmt": "csv"},
        "reports_admin:class_sheet": {"key": AccountBatch.objects.create(key=uuid.uuid4(), centre=centre).key},
        "wagtailcore_authenticate_with_password": {"page_view_restriction_id": 1, "page_id": lessons[0].pk},
    }
    pages = {"page:home": site["home"].url, "page:course": course.url, "page:lesson": lessons[0].url}
    pages.update(
        {"page:quiz": quiz.url, "page:lesson_with_practice": practice.url, "page:lesson_done": lessons[1].url + "done/"}
    )
    pages.update({f"page:quiz_{route}": f"{quiz.url}{route}/" for route in ("start", "answer", "current")})
    users = {"anonymous": None, "learner": learner, "staff": staff}
    return {"users": users, "kwargs": kwargs, "pages": pages, "attempt": attempt}


class Fuzzer:
    def __init__(self):
        self.statuses = Counter()
        self.failures = []
        self.errors = []
        got_request_exception.connect(self.record_exception)

    def record_exception(self, sender, request=None, **kwargs):
        self.errors.append(f"{request.method} {request.get_full_path()[:120]}: {sys.exc_info()[1]!r}"[:300])

    def send(self, client, method, path, fields, expect_4xx):
        body = "&".join(f"{name}={value}" for name, value in fields.items())
        sid = transaction.savepoint()
        if method == "GET":
            response = client.get(path + ("?" + body if body else ""))
        else:
            response = client.post(path, data=body, content_type="application/x-www-form-urlencoded")
        if response.status_code == 301 and not path.endswith("/") and response["Location"].endswith("/"):
            # CommonMiddleware appends the slash; the slashed path then gives its own answer
            response = client.get(response["Location"])
        status = response.status_code
        if status >= 500:
            transaction.savepoint_rollback(sid)  # keep PostgreSQL's transaction usable for the next request
        else:
            transaction.savepoint_commit(sid)
        self.statuses[status // 100] += 1
        where = f"{method} {path[:100]} {str(fields)[:100]} -> {status}"
        if status >= 500:
            self.failures.append(where)
        elif expect_4xx and not (400 <= status < 500 or _to_sign_in(response)):
            self.failures.append("expected 4xx: " + where)
        return response

    def close(self):
        got_request_exception.disconnect(self.record_exception)


def _to_sign_in(response):
    return response.status_code in (301, 302) and ("sign-in" in response["Location"] or "login" in response["Location"])


def _path(route_name, routes, world, **override):
    """The path of a route with good values for its parameters, except those in ``override`` (sent as is)."""
    if route_name.startswith("page:"):
        return world["pages"][route_name]
    values = {**world["kwargs"].get(route_name, {}), **override}
    route = routes[route_name][0]
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda match: str(values[match.group(1)]), route)


def test_every_route_is_covered_by_the_fuzz_spec():
    routes = project_routes()
    assert set(routes) - set(SPEC) == set(), "add the new URL's fields to SPEC"
    assert {name for name in SPEC if not name.startswith("page:")} - set(routes) == set()


def test_id_routes_use_the_bounded_id_converter():
    from lms.inputs import IdConverter

    for name, (_route, converters) in project_routes().items():
        if name == "wagtailcore_authenticate_with_password":
            continue  # Wagtail's own route (its ids are AutoFields, range-checked by Django)
        for key, converter in converters.items():
            if key.endswith("id") or key == "pk":
                assert isinstance(converter, IdConverter), f"{name}: <{key}> must use <id:{key}>"


def test_fuzz_every_route_parameter_and_field(world, capsys):
    routes = project_routes()
    names = sorted(routes) + [name for name in SPEC if name.startswith("page:")]
    fuzzer = Fuzzer()
    request_logger = logging.getLogger("django.request")
    level = request_logger.level
    request_logger.setLevel(logging.CRITICAL)  # thousands of expected 4xx warnings
    try:
        for user_name, user in world["users"].items():
            clients = {}

            def client_for(name, user=user):
                client = Client(raise_request_exception=False)
                if user is not None:
                    client.force_login(user, backend="learners.backends.UsernameOrMobileBackend")
                return client

            # Warm-up: every route with its fields missing (valid requests may write rows here).
            for name in names:
                for method in SPEC[name]:
                    fuzzer.send(client_for(name), method, _path(name, routes, world), {}, expect_4xx=False)
            before = row_counts()
            for name in names:
                client = clients.setdefault(name, client_for(name))
                for method, fields in SPEC[name].items():
                    for key in world["kwargs"].get(name, {}):
                        if key in ("report", "fmt", "code", "activity_key"):
                            values = ["nul", "non-utf8", "huge"]
                        elif key == "number":  # a status list's number: list 0 exists
                            values = [value for value in BAD if value != "zero"]
                        else:
                            values = list(BAD)
                        for value in values:
                            path = _path(name, routes, world, **{key: BAD[value]})
                            fuzzer.send(client, method, path, {}, expect_4xx=True)
                    for field, kind in fields.items():
                        strict = kind != LENIENT and not (user and name in SIGNED_IN_SENT_ON)
                        for value in VALUES[kind]:
                            path = _path(name, routes, world)
                            fuzzer.send(client, method, path, {field: BAD[value]}, expect_4xx=strict)
                    if name in ("learners:logout",):
                        client = clients[name] = client_for(name)
            after = row_counts()
            changed = {label: (before[label], after[label]) for label in before if before[label] != after[label]}
            assert changed == {}, f"rows written by bad requests as {user_name}: {changed}"
    finally:
        request_logger.setLevel(level)
        fuzzer.close()
    total = sum(fuzzer.statuses.values())
    with capsys.disabled():
        print(
            f"\nfuzz: {total} requests, {fuzzer.statuses[2]} 2xx, {fuzzer.statuses[3]} 3xx, "
            f"{fuzzer.statuses[4]} 4xx, {fuzzer.statuses[5]} 5xx"
        )
    assert fuzzer.errors == [], "\n".join(fuzzer.errors[:60])
    assert fuzzer.failures == [], "\n".join(fuzzer.failures[:60])
