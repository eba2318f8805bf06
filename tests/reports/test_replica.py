"""The reports dashboards and exports read through the replica router (lms/replica.py); nothing else does.

Without ``DATABASE_REPLICA_URL`` (as here) the router sends every read to the primary and the pages work as
before. bench.cluster proves the same with a real streaming replica whose replay it pauses."""

import pytest
from django.conf import settings

from lms import replica
from lms.replica import REPLICA, ReplicaRouter, replica_reads

from .test_permissions import BASE


def test_router_reads_from_the_replica_only_inside_the_block_and_only_when_one_is_configured(monkeypatch):
    router = ReplicaRouter()
    with replica_reads():
        assert router.db_for_read(None) == "default"  # no replica configured: the primary
    monkeypatch.setitem(settings.DATABASES, REPLICA, {"ENGINE": "django.db.backends.postgresql"})
    assert router.db_for_read(None) == "default"
    with replica_reads():
        assert router.db_for_read(None) == REPLICA
        assert router.db_for_write(None) == "default"
        assert not router.allow_migrate(REPLICA, "reports")
    assert router.db_for_read(None) == "default"


@pytest.fixture
def reads(monkeypatch):
    """(model label, inside replica_reads?) for every read the router is asked about."""
    seen = []
    real = ReplicaRouter.db_for_read

    def spy(self, model, **hints):
        seen.append((model._meta.label_lower, replica._reading.get()))
        return real(self, model, **hints)

    monkeypatch.setattr(ReplicaRouter, "db_for_read", spy)
    return seen


def test_dashboard_reads_its_figures_inside_the_block_and_the_sign_in_outside(client, world, reads):
    client.force_login(world["staff_a"])
    response = client.get(BASE)
    assert response.status_code == 200
    inside = {label for label, reading in reads if reading}
    assert {"learners.centre", "learners.user"} & inside
    assert ("learners.user", False) in reads


def test_streamed_learner_export_reads_each_chunk_inside_the_block(client, world, reads):
    client.force_login(world["staff_a"])
    response = client.get(BASE + "export/learners.csv")
    assert response.status_code == 200
    before = len(reads)
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "สมชาย ใจดี" in body
    streamed = reads[before:]
    assert streamed and all(reading for _label, reading in streamed)
