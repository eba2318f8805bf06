"""SQLite, the default on a centre's own machine, holds a busy centre: WAL, BEGIN IMMEDIATE and a busy timeout.

Behaviour test through a real server: gunicorn with 2 workers on a SQLite *file* database and a running
``manage.py db_worker``; 50 learners mark a lesson done and answer a quiz question at the same moment (and
each sends both twice, like a double tap). No 5xx, exactly one row per learner and lesson / attempt and
question, at most one certificate each, and every queued task done.
"""

import contextlib
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from django.db import connection

from lms.settings.database import database_from_env

ROOT = Path(__file__).resolve().parents[2]
LEARNERS = 50
CSRF = "x" * 32


def test_sqlite_settings_use_wal_immediate_transactions_and_a_busy_timeout(tmp_path):
    for config in (
        database_from_env({}, tmp_path / "a.sqlite3"),
        database_from_env({"DATABASE_URL": f"sqlite:///{tmp_path}/b.sqlite3"}, None),
    ):
        assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
        assert config["OPTIONS"]["timeout"] >= 10
        assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def processes(*commands, env):
    procs = [
        subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        for command in commands
    ]
    try:
        yield procs
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


@pytest.fixture
def centre_database(transactional_db, tmp_path):
    """A migrated SQLite file with a course (one lesson, a one-question quiz) and 50 signed-in learners."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from lessons.demo import ensure_site
    from quizzes.models import QuizAttempt
    from tests.factories import CentreFactory, UserFactory, make_course, make_quiz, quiz_questions

    if connection.vendor != "sqlite":
        pytest.skip("SQLite behaviour")
    _home, catalog = ensure_site()
    course, lessons = make_course(catalog, slug="busy", lessons=1)
    quiz = make_quiz(course, questions=quiz_questions(1, lesson=lessons[0]), required=True)
    centre = CentreFactory()
    learners = []
    for n in range(LEARNERS):
        user = UserFactory(username=f"busy-{n}", home_centre=centre)
        session = SessionStore()
        session.update(
            {
                SESSION_KEY: str(user.pk),
                BACKEND_SESSION_KEY: "learners.backends.UsernameOrMobileBackend",
                HASH_SESSION_KEY: user.get_session_auth_hash(),
            }
        )
        session.save()
        attempt = QuizAttempt.objects.create(user=user, quiz=quiz)
        learners.append({"user": user.pk, "session": session.session_key, "attempt": attempt.pk})
    path = tmp_path / "centre.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(path)
    connection.connection.backup(target)
    target.close()
    return {"path": path, "course": course, "lesson": lessons[0], "quiz": quiz, "learners": learners}


def wait_until_up(url, proc):
    for _ in range(300):
        if proc.poll() is not None:
            raise AssertionError("gunicorn exited: " + proc.stderr.read()[-2000:])
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                return
        time.sleep(0.1)
    raise AssertionError("gunicorn did not start")


def test_fifty_learners_at_once_through_gunicorn_and_db_worker(centre_database):
    db = centre_database
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(db["path"].parent),
        "DJANGO_SETTINGS_MODULE": "tests.lms.sqlite_server_settings",
        "DATABASE_URL": f"sqlite:///{db['path']}",
        "PYTHONPATH": str(ROOT),
    }
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    gunicorn = [sys.executable, "-m", "gunicorn", "lms.wsgi:application", "-w", "2", "-b", f"127.0.0.1:{port}"]
    worker = [sys.executable, "manage.py", "db_worker", "--no-reload", "--interval", "0.2", "-v", "0"]
    mark_done = db["lesson"].url + "done/"  # the pages' own sub-routes (RoutablePageMixin)
    answer = db["quiz"].url + "answer/"
    start = threading.Barrier(LEARNERS)

    def learner_session(learner):
        cookies = {"sessionid": learner["session"], "csrftoken": CSRF}
        headers = {"X-CSRFToken": CSRF}
        start.wait(timeout=60)
        statuses = []
        form = {"attempt": learner["attempt"], "question": "q1", "option": "q1-a"}
        with httpx.Client(base_url=url, cookies=cookies, headers=headers, timeout=60) as client:
            for path, data in [(mark_done, {"next": "/th/"}), (answer, form)] * 2:  # each twice: a double tap
                try:
                    statuses.append(client.post(path, data=data).status_code)
                except httpx.HTTPError as error:  # a worker stuck on a lock past the timeout
                    statuses.append(type(error).__name__)
        return statuses

    with processes(gunicorn, worker, env=env) as (server, _worker):
        wait_until_up(url, server)
        with ThreadPoolExecutor(max_workers=LEARNERS) as pool:
            statuses = [status for result in pool.map(learner_session, db["learners"]) for status in result]
        rows = sqlite3.connect(db["path"])
        for _ in range(150):  # let db_worker finish the certificate tasks the completions queued
            waiting = rows.execute(
                "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status IN ('READY', 'RUNNING')"
            ).fetchone()[0]
            if not waiting:
                break
            time.sleep(0.2)

    assert len(statuses) == LEARNERS * 4
    assert [s for s in statuses if not isinstance(s, int) or s >= 500] == []
    assert set(statuses) == {302}
    users = [learner["user"] for learner in db["learners"]]
    done = dict(
        rows.execute(
            "SELECT user_id, count(*) FROM lessons_lessonprogress WHERE completed_at IS NOT NULL GROUP BY user_id"
        ).fetchall()
    )
    assert [done.get(user) for user in users] == [1] * LEARNERS
    answers = dict(rows.execute("SELECT attempt_id, count(*) FROM quizzes_answer GROUP BY attempt_id").fetchall())
    assert [answers.get(learner["attempt"]) for learner in db["learners"]] == [1] * LEARNERS
    certificates = dict(
        rows.execute("SELECT learner_id, count(*) FROM certificates_certificate GROUP BY learner_id").fetchall()
    )
    assert max(certificates.values(), default=0) <= 1
    tasks = dict(rows.execute("SELECT status, count(*) FROM django_tasks_database_dbtaskresult GROUP BY status"))
    assert set(tasks) <= {"SUCCESSFUL"}, tasks
    assert rows.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
