"""Production-like settings for benchmarks on loopback: hashed, compressed static files, no DEBUG."""

import os

from .base import *  # noqa: F403
from .database import database_from_env

ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
DATABASES = {"default": database_from_env(os.environ, BASE_DIR / "var" / "bench.sqlite3")}  # noqa: F405
