"""Server time of one sign-in POST, with Django's PBKDF2 default first (before) and the project's Argon2id (after).

Run: .venv/bin/python -m bench.sign_in [ROUNDS]

Uses the bench settings' database (default var/bench.sqlite3, or DATABASE_URL), migrating it if needed, and a
throwaway user it deletes at the end. Each round posts the real sign-in form through Django's test client and
times the whole request; the stored hash is reset to the hasher under test before every round, so "after" does
not include an upgrade. Prints the median and max per hasher and the hash's cost parameters.
"""

import os
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.bench")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.hashers import get_hasher  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client, override_settings  # noqa: E402

from learners.models import User  # noqa: E402

PASSWORD = "bench-sign-in-2569"
BEFORE = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]


def rounds_for(hashers, rounds):
    with override_settings(PASSWORD_HASHERS=hashers):
        hasher = get_hasher("default")
        user = User.objects.create(username=f"bench-sign-in-{time.time_ns()}")
        try:
            encoded = hasher.encode(PASSWORD, hasher.salt())
            samples = []
            for _ in range(rounds):
                User.objects.filter(pk=user.pk).update(password=encoded)
                client = Client(HTTP_HOST="localhost")
                started = time.perf_counter()
                response = client.post("/th/accounts/sign-in/", {"username": user.username, "password": PASSWORD})
                samples.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 302, response.status_code
        finally:
            user.delete()
    return hasher, encoded, samples


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    call_command("migrate", "--noinput", verbosity=0)
    print(f"Sign-in POST, server time over {rounds} rounds ({os.cpu_count()} CPUs)")
    print(f"{'hasher':<34} {'median ms':>9} {'max ms':>7}  parameters")
    for label, hashers in (("before: PBKDF2 (Django default)", BEFORE), ("after: Argon2id", settings.PASSWORD_HASHERS)):
        hasher, encoded, samples = rounds_for(hashers, rounds)
        parameters = "$".join(encoded.split("$")[:-2])
        print(f"{label:<34} {statistics.median(samples):>9.0f} {max(samples):>7.0f}  {parameters}")


if __name__ == "__main__":
    main()
