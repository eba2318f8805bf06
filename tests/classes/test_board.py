"""The live class board: progress, quiz state, who seems stuck; constant queries whatever the class size."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from classes import services
from classes.models import Attendance
from lessons.models import LessonProgress
from quizzes.models import QuizAttempt

from .conftest import at, learner


def fill_class(world, count):
    """``count`` more learners in the class, each checked in, with some lesson progress and a quiz attempt."""
    klass, session, lessons, quiz = world["klass"], world["session"], world["lessons"], world["quiz"]
    users = [learner(f"extra{count}_{n}", world["centre_a"]) for n in range(count)]
    services.add_members(klass, users)
    moment = at(world["today"], 13, 5)
    for n, user in enumerate(users):
        services.record(session, user, method=Attendance.Method.CODE, at=moment)
        for lesson in lessons[: n % 4]:
            LessonProgress.objects.create(user=user, lesson=lesson, course=world["course"], completed_at=moment)
        if n % 2:
            QuizAttempt.objects.create(user=user, quiz=quiz, finished_at=moment, score=100, passed=n % 4 == 1)
    return users


def count_queries(func):
    with CaptureQueriesContext(connection) as queries:
        func()
    return len(queries)


def test_board_shows_progress_quiz_state_and_check_in(world):
    somchai = world["somchai"]
    moment = at(world["today"], 13, 20)
    services.record(world["session"], somchai, method=Attendance.Method.CODE, at=at(world["today"], 13, 2))
    for lesson in world["lessons"][:2]:
        LessonProgress.objects.create(user=somchai, lesson=lesson, course=world["course"], completed_at=moment)
    QuizAttempt.objects.create(user=somchai, quiz=world["quiz"])
    data = services.board(world["klass"], world["session"], moment)
    rows = {row["user"].username: row for row in data["rows"]}
    assert data["checked_in"] == 1 and len(data["rows"]) == 2
    assert rows["somchai"]["attendance"] is not None and rows["malee"]["attendance"] is None
    assert (rows["somchai"]["courses"][0]["done"], rows["somchai"]["courses"][0]["total"]) == (2, 3)
    assert rows["somchai"]["courses"][0]["quiz_state"] == "started"
    assert rows["malee"]["courses"][0]["done"] == 0 and rows["malee"]["courses"][0]["quiz_state"] == "none"


def test_a_checked_in_learner_with_no_progress_for_15_minutes_seems_stuck(world):
    somchai, malee = world["somchai"], world["malee"]
    session = world["session"]
    services.record(session, somchai, method=Attendance.Method.CODE, at=at(world["today"], 13, 0))
    services.record(session, malee, method=Attendance.Method.CODE, at=at(world["today"], 13, 0))
    LessonProgress.objects.create(
        user=malee, lesson=world["lessons"][0], course=world["course"], completed_at=at(world["today"], 13, 40)
    )
    LessonProgress.objects.filter(user=malee).update(started_at=at(world["today"], 13, 30))

    def stuck_at(hour, minute):
        data = services.board(world["klass"], session, at(world["today"], hour, minute))
        return sorted(row["user"].username for row in data["rows"] if row["stuck"])

    assert stuck_at(13, 10) == []
    assert stuck_at(13, 16) == ["somchai"]
    assert stuck_at(13, 50) == ["somchai"]
    assert stuck_at(13, 56) == ["malee", "somchai"]
    assert stuck_at(16, 30) == [], "nobody is stuck once the session is over"


def test_not_checked_in_learners_are_not_flagged_stuck(world):
    data = services.board(world["klass"], world["session"], at(world["today"], 14, 0))
    assert [row["stuck"] for row in data["rows"]] == [False, False]


@pytest.mark.parametrize("sizes", [(5, 30), (5, 50)])
def test_board_and_roster_queries_do_not_grow_with_the_class(client, world, sizes):
    small, large = sizes
    client.force_login(world["trainer"])
    url = f"/admin/classes/{world['klass'].pk}/board/?session={world['session'].pk}"
    roster = f"/admin/classes/sessions/{world['session'].pk}/roster/"
    fill_class(world, small - 2)
    client.get(url)
    board_small = count_queries(lambda: client.get(url, headers={"HX-Request": "true"}))
    service_small = count_queries(lambda: services.board(world["klass"], world["session"]))
    roster_small = count_queries(lambda: client.get(roster))
    fill_class(world, large - small)
    board_large = count_queries(lambda: client.get(url, headers={"HX-Request": "true"}))
    service_large = count_queries(lambda: services.board(world["klass"], world["session"]))
    roster_large = count_queries(lambda: client.get(roster))
    response = client.get(url, headers={"HX-Request": "true"})
    assert response.content.decode().count('data-testid="board-row"') == large
    assert service_small == service_large <= 10
    assert board_small == board_large
    assert roster_small == roster_large
    print(f"board fragment {board_large} queries, board service {service_large}, roster page {roster_large}")


def test_board_page_polls_with_htmx_and_works_without_js(client, world):
    client.force_login(world["trainer"])
    page = client.get(f"/admin/classes/{world['klass'].pk}/board/").content.decode()
    assert 'hx-trigger="every 15s"' in page and "js/htmx.min.js" in page
    assert '<noscript><meta http-equiv="refresh"' in page
    assert "สมชาย ใจดี" in page and "มาลี ศรีสุข" in page


def test_an_empty_board_says_so_across_every_column(client, world):
    world["klass"].memberships.all().delete()
    client.force_login(world["trainer"])
    html = client.get(f"/admin/classes/{world['klass'].pk}/board/", headers={"HX-Request": "true"}).content.decode()
    header = html[html.index("<thead>") : html.index("</thead>")]
    assert header.count("<th ") == 4, "learner, checked in, the class's one course, last progress"
    assert '<td colspan="4">ยังไม่มีผู้เรียน' in html


def test_board_uses_todays_open_session_by_default(world):
    klass = world["klass"]
    tomorrow = klass.sessions.create(
        date=world["today"] + datetime.timedelta(days=1), start_time=datetime.time(9), end_time=datetime.time(12)
    )
    assert services.current_session(klass, at(world["today"], 13, 30)) == world["session"]
    assert services.current_session(klass, at(world["today"], 8, 0)) == world["session"]
    assert (
        services.current_session(klass, timezone.make_aware(datetime.datetime.combine(tomorrow.date, datetime.time(9))))
        == tomorrow
    )
