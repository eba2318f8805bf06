import shutil
import socket
import subprocess
import time

import pytest
from django.core.cache import cache


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def redis_url():
    """A throwaway redis-server on a free loopback port, stopped when the session ends."""
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed (debian-packages.txt)")
    port = free_port()
    proc = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(params=["locmem", "redis"])
def page_cache(request, settings):
    """The page cache on, over the per-process memory cache and over real Redis through django-redis."""
    if request.param == "redis":
        url = request.getfixturevalue("redis_url")
        settings.CACHES = {
            "default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": url, "KEY_PREFIX": "lms"}
        }
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield request.param
    cache.clear()
