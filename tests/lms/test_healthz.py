"""/healthz tells a load balancer whether this app server can serve: database, cache, task queue."""

import socket

import pytest
from django.test import override_settings

from certificates.tasks import issue_certificate

pytestmark = pytest.mark.django_db


def test_a_healthy_server_answers_200_with_each_part_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    assert response.json() == {
        "database": "ok",
        "cache": "ok",
        "queue": {"waiting": 0, "running": 0, "oldest_waiting_seconds": 0},
        "status": "ok",
    }


def test_queue_depth_counts_tasks_waiting_for_a_worker(client):
    for _ in range(3):
        issue_certificate.using(backend="database").enqueue(1, 1)
    assert client.get("/healthz").json()["queue"]["waiting"] == 3


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_an_unreachable_cache_answers_503_without_saying_why(client):
    redis_nowhere = f"redis://127.0.0.1:{closed_port()}/0"
    caches = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": redis_nowhere,
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
        }
    }
    with override_settings(CACHES=caches):
        response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["cache"] == "error" and body["status"] == "error" and body["database"] == "ok"
    assert "127.0.0.1" not in response.content.decode() and "redis" not in response.content.decode().lower()


def test_healthz_answers_get_only(client):
    assert client.post("/healthz").status_code == 405
