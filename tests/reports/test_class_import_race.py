"""A double click on PostgreSQL: the same class form posted twice at the same moment creates the accounts once
and both answers lead to the same sheet."""

import threading
import uuid

import pytest
from django.db import connection
from django.test import Client

from learners.models import User
from reports.models import AccountBatch

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
URL = "/admin/centre-reports/learners/class/"


def test_a_double_submit_at_the_same_moment_creates_every_account_once(world):
    names = "".join(f"ผู้เรียนคู่ {n},twin{n:02d}\n" for n in range(20))
    key = uuid.uuid4()
    clients = []
    for _ in range(2):
        client = Client()
        client.force_login(world["staff_a"])
        clients.append(client)
    barrier = threading.Barrier(2)
    answers = [None, None]

    def post(index):
        try:
            barrier.wait()
            response = clients[index].post(URL, {"names": names, "key": key})
            answers[index] = (response.status_code, response.get("Location"))
        except Exception as error:  # noqa: BLE001 - reported to the test
            answers[index] = repr(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [(302, f"{URL}{key}/")] * 2
    assert User.objects.filter(username__startswith="twin").count() == 20
    assert AccountBatch.objects.filter(key=key).count() == 1
    sheets = [client.get(f"{URL}{key}/").content.decode() for client in clients]
    cells = [
        [cell.split("</td>")[0] for cell in sheet.split('<td class="reports-sheet__code">')[1:]] for sheet in sheets
    ]
    assert len(cells[0]) == 40 and cells[0] == cells[1]
    first = User.objects.get(username="twin00")
    assert first.check_password(cells[0][1])
