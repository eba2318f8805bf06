"""The figures behind the dashboards, computed from known data."""

import datetime

import pytest
from django.utils import timezone

from reports import services
from tests.factories import UserFactory, aware, enrol, make_quiz, progress

MARCH, APRIL = datetime.date(2026, 3, 1), datetime.date(2026, 4, 1)


@pytest.fixture
def activity(world):
    """Learner A: completed selling in April, started safety; learner B: completed selling; one old enrolment."""
    from certificates.models import Certificate
    from quizzes.models import QuizAttempt

    w = world
    now = timezone.now()
    enrol(w["learner_a"], w["selling"], aware(2026, 3, 5), aware(2026, 4, 10), visited=now - datetime.timedelta(days=3))
    progress(w["learner_a"], w["selling"], w["selling_lessons"], aware(2026, 4, 10))
    enrol(w["learner_a"], w["safety"], aware(2026, 4, 1), visited=now - datetime.timedelta(days=40))
    progress(w["learner_a"], w["safety"], w["safety_lessons"][:1], aware(2026, 4, 1))
    enrol(w["learner_b"], w["selling"], aware(2026, 4, 2), aware(2026, 4, 20), visited=now - datetime.timedelta(days=1))
    old = UserFactory(username="old", display_name="ผู้เรียนเก่า", home_centre=w["centre_a"])
    enrol(old, w["selling"], aware(2025, 1, 1), visited=aware(2025, 1, 1))
    quiz = make_quiz(w["selling"])
    for user, passed, day in [
        (w["learner_a"], False, 8),
        (w["learner_a"], True, 9),
        (w["learner_b"], True, 19),
        (old, False, 1),
    ]:
        attempt = QuizAttempt.objects.create(user=user, quiz=quiz, passed=passed, score=80 if passed else 20)
        QuizAttempt.objects.filter(pk=attempt.pk).update(finished_at=aware(2026, 4, day))
    for learner, centre, day, status in [
        (w["learner_a"], w["centre_a"], 11, "valid"),
        (w["learner_b"], w["centre_b"], 21, "valid"),
        (old, w["centre_a"], 12, "revoked"),
    ]:
        Certificate.objects.create(
            learner=learner,
            course=w["selling"],
            centre=centre,
            learner_name=learner.display_name,
            course_title_th="ขายของออนไลน์",
            course_title_en="Online selling",
            issued_at=aware(2026, 4, day),
            status=status,
            revoked_at=aware(2026, 4, day + 1) if status == "revoked" else None,
        )
    w["old"] = old
    w["quiz"] = quiz
    services.refresh_figures()
    return w


def period(**kwargs):
    return services.ReportFilter(month_from=MARCH, month_to=APRIL, **kwargs)


def test_centre_summary_counts_only_that_centres_learners_in_the_period(activity):
    figures = services.summary(period(centre=activity["centre_a"]))
    assert figures["learners"] == 2  # somchai and old; the trainer and staff member are not learners
    assert figures["enrolments"] == 2  # selling + safety in March/April; the 2025 one is outside
    assert figures["completions"] == 1
    assert figures["active"] == 1  # visited 3 days ago; the safety visit was 40 days ago
    assert figures["certificates"] == 1  # the revoked one does not count
    assert (figures["quiz_attempts"], figures["quiz_passed"], figures["pass_rate"]) == (3, 1, 33.3)
    assert figures["completion_rate"] == 50.0


def test_national_summary_adds_up_every_centre(activity):
    figures = services.summary(period())
    assert (figures["learners"], figures["enrolments"], figures["completions"]) == (3, 3, 2)
    assert (figures["certificates"], figures["quiz_attempts"], figures["quiz_passed"]) == (2, 4, 2)


def test_province_scope_and_course_filter(activity):
    assert services.summary(period(province="ขอนแก่น"))["enrolments"] == 1
    safety = services.summary(period(centre=activity["centre_a"], course=activity["safety"]))
    assert (safety["enrolments"], safety["completions"], safety["quiz_attempts"], safety["certificates"]) == (
        1,
        0,
        0,
        0,
    )


def test_course_rows_give_per_course_rates_and_titles(activity):
    rows = {row["course"].pk: row for row in services.course_rows(period(centre=activity["centre_a"]))}
    selling = rows[activity["selling"].pk]
    assert (selling["title"], selling["enrolments"], selling["completions"], selling["completion_rate"]) == (
        "ขายของออนไลน์",
        1,
        1,
        100.0,
    )
    assert (selling["quiz_attempts"], selling["pass_rate"], selling["certificates"]) == (3, 33.3, 1)
    assert rows[activity["safety"].pk]["enrolments"] == 1
    assert rows[activity["safety"].pk]["pass_rate"] is None


def test_monthly_buckets_cover_twelve_months_ending_with_the_period(activity):
    data = services.monthly(period())
    assert data["months"][0] == datetime.date(2025, 5, 1) and data["months"][-1] == datetime.date(2026, 4, 1)
    by_month = dict(
        zip(
            data["months"], zip(data["enrolments"], data["completions"], data["certificates"], strict=True), strict=True
        )
    )
    assert by_month[datetime.date(2026, 3, 1)] == (1, 0, 0)
    assert by_month[datetime.date(2026, 4, 1)] == (2, 2, 2)
    assert sum(data["enrolments"]) == 3


def test_month_boundaries_follow_thai_time(world):
    """An enrolment at 23:30 UTC on 31 March is 1 April in Bangkok."""
    late = datetime.datetime(2026, 3, 31, 23, 30, tzinfo=datetime.UTC)
    enrol(world["learner_a"], world["selling"], late)
    services.refresh_figures()
    data = services.monthly(period())
    assert data["enrolments"][-1] == 1 and data["enrolments"][-2] == 0


def test_ranking_orders_centres_and_provinces_sum_them(activity):
    rows = services.centre_rows(period())
    ranked = services.ranking(rows)
    assert [row["centre"]["code"] for row in ranked] == ["CDC-B", "CDC-A"]  # same completions, B has 100% rate
    assert [row["rank"] for row in ranked] == [1, 2]
    provinces = {row["province"]: row for row in services.province_rows(rows)}
    assert provinces["เชียงใหม่"]["enrolments"] == 2 and provinces["ขอนแก่น"]["completions"] == 1
    assert provinces["ขอนแก่น"]["pass_rate"] == 100.0


def test_tied_centres_share_a_rank(world):
    services.refresh_figures()
    rows = services.ranking(services.centre_rows(period()))
    assert [row["rank"] for row in rows] == [1, 1]


def test_learner_progress_per_course(activity):
    courses = list(services.source_courses())
    result = services.learner_progress([activity["learner_a"].pk, activity["learner_b"].pk], courses)
    mine = result[activity["learner_a"].pk]
    assert (mine[activity["selling"].pk]["done"], mine[activity["selling"].pk]["total"]) == (3, 3)
    assert mine[activity["selling"].pk]["completed_at"] is not None
    assert (mine[activity["safety"].pk]["done"], mine[activity["safety"].pk]["percent"]) == (1, 50)
    assert activity["safety"].pk not in result[activity["learner_b"].pk]


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("สมชาย", {"somchai"}),
        ("ใจดี", {"somchai"}),
        ("SOMCHAI", {"somchai"}),
        ("081-111", {"somchai"}),
        ("  มาลี   ศรีสุข ", {"malee"}),
        ("ไม่มีใคร", set()),
    ],
)
def test_learner_search_by_thai_name_username_or_mobile(world, query, found):
    assert {user.username for user in services.learner_list(period(), query)} == found


def test_search_matches_sara_am_typed_as_two_characters(world):
    UserFactory(username="kham", display_name="คำแก้ว", home_centre=world["centre_a"])
    assert [u.username for u in services.learner_list(period(), "ค\u0e4d\u0e32แก้ว")] == ["kham"]


def test_learner_list_excludes_staff_trainers_and_superusers(world):
    names = {user.username for user in services.learner_list(period())}
    assert names == {"somchai", "malee"}


def test_stale_figures_are_rebuilt_once_and_a_pending_rebuild_is_not_queued_twice(world):
    from reports.models import FiguresRefresh

    first = services.ensure_fresh()  # no figures yet: the task runs (inline in tests)
    assert first is not None and services.summary(period())["learners"] == 2
    hour_ago = timezone.now() - datetime.timedelta(hours=1)
    FiguresRefresh.objects.filter(pk=1).update(finished_at=hour_ago, requested_at=hour_ago)
    UserFactory(username="newcomer", home_centre=world["centre_a"])
    assert services.ensure_fresh().finished_at > hour_ago
    assert services.summary(period())["learners"] == 3
    FiguresRefresh.objects.filter(pk=1).update(finished_at=hour_ago, requested_at=timezone.now())
    assert services.ensure_fresh().finished_at == hour_ago  # a rebuild is already on its way


def test_learner_list_page_needs_the_same_queries_for_few_or_many_learners(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(world["staff_a"])

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/admin/centre-reports/learners/").status_code == 200
        return len(ctx.captured_queries)

    few = queries()
    for n in range(20):
        learner = UserFactory(username=f"many{n}", home_centre=world["centre_a"])
        enrol(learner, world["selling"], aware(2026, 3, 5))
        progress(learner, world["selling"], world["selling_lessons"][:1], aware(2026, 3, 6))
    assert queries() == few
