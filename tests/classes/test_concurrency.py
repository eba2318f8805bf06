"""30 learners check in at the same moment on PostgreSQL (each taps twice): 30 rows, no 5xx."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from classes import codes, services
from classes.models import Attendance

from .conftest import at, learner

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_thirty_learners_checking_in_at_once(world, monkeypatch, settings):
    settings.CLASSES_IP_RATE = "1000/m"
    moment = at(world["today"], 13, 2)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    users = [learner(f"rush{n}", world["centre_a"]) for n in range(28)] + [world["somchai"], world["malee"]]
    services.add_members(world["klass"], users)
    code = codes.current_code(world["session"], moment)
    clients = []
    for user in users:
        client = Client()
        client.force_login(user)
        clients += [client, client]
    barrier = threading.Barrier(len(clients))
    statuses = [None] * len(clients)

    def worker(index, client):
        try:
            barrier.wait()
            statuses[index] = client.post("/th/classes/check-in/", {"code": code}).status_code
        except Exception as error:  # noqa: BLE001 - reported to the test
            statuses[index] = repr(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, c)) for i, c in enumerate(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200] * len(clients)
    assert Attendance.objects.filter(session=world["session"]).count() == 30
    assert Attendance.objects.values("user").distinct().count() == 30
