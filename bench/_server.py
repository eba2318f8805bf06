"""Start the app under a real WSGI server (gunicorn) on loopback for a benchmark, and stop it."""

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_health(url, tries=100):
    """Wait (up to ``tries`` × 0.1 s) until ``url``/healthz answers."""
    for _ in range(tries):
        try:
            urllib.request.urlopen(url + "/healthz", timeout=1)
            return
        except OSError:
            time.sleep(0.1)


def manage(*args, env):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


@contextlib.contextmanager
def running_server(settings="lms.settings.bench", workers=2, extra_env=None, prepare=True):
    """Yield the base URL of gunicorn serving the project with production-like static files."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": settings, **(extra_env or {})}
    (ROOT / "var").mkdir(exist_ok=True)
    if prepare:
        manage("migrate", "--noinput", env=env)
        manage("collectstatic", "--noinput", env=env)
        manage("compilemessages", "--ignore=.venv", "--ignore=var", env=env)
        manage("load_demo", env=env)
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "lms.wsgi:application", "-w", str(workers), "-b", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_health(url)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:  # a loaded machine: do not leave the server behind
            proc.kill()
            proc.wait()
