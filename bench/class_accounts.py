"""Time to create a class of 20 accounts from pasted names: the staff form's answer, the background task that
makes the accounts, and the printable sheet.

Run: .venv/bin/python -m bench.class_accounts [ROUNDS] [--pbkdf2]
     DATABASE_URL=postgres://... .venv/bin/python -m bench.class_accounts

Uses the bench settings (the project's Argon2id hasher, the database task queue; database var/bench.sqlite3 or
DATABASE_URL), migrating if needed, with a throwaway centre and staff member it deletes at the end. Each round posts
20 new Thai names (half with a mobile number, half with a made-up username) through Django's test client and times:

* the POST, which checks every line, records the batch and queues the task, then answers (the goal: at once);
* the progress page it redirects to (it must show progress and reload itself);
* ``db_worker --batch`` running the task: 20 Argon2 hashes, then the accounts in one transaction;
* the printable sheet once the worker is done.

Prints median and max per step, and the first POST of a fresh process (PyThaiNLP's word dictionary loads in it unless
the form was shown first) once. ``--pbkdf2`` adds one round with Django's default PBKDF2 hasher, for comparison.
The issue's goal: an answer at once with progress, or under 5 s in all.
"""

import os
import statistics
import sys
import time
import uuid

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.bench")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import Permission  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client, override_settings  # noqa: E402

from learners.models import Centre, Membership, User  # noqa: E402

URL = "/admin/centre-reports/learners/class/"
SIZE = 20
FIRST = ["สมชาย", "มาลี", "บุญมี", "ประเสริฐ", "วิไล", "สมศักดิ์", "อรุณี", "ทองใบ", "จันทร์เพ็ญ", "สุดา"]


def names(round_number):
    lines = []
    for n in range(SIZE):
        name = f"{FIRST[n % len(FIRST)]} ทดสอบ{round_number}x{n}"
        lines.append(f"{name}\t08{round_number % 100:02d}{n:06d}" if n % 2 else name)
    return "\n".join(lines)


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", "--no-reload", verbosity=0)


def one_round(client, round_number):
    """Milliseconds for (the POST's answer, the progress page, the worker's task, the printable sheet)."""
    key = uuid.uuid4()
    started = time.perf_counter()
    response = client.post(URL, {"names": names(round_number), "key": key})
    posted = time.perf_counter()
    assert response.status_code == 302, (response.status_code, response.content[:2000])
    progress = client.get(response["Location"])
    polled = time.perf_counter()
    assert progress.status_code == 200 and progress.has_header("Refresh"), "no progress page before the task ran"
    run_worker()
    made = time.perf_counter()
    sheet = client.get(response["Location"])
    shown = time.perf_counter()
    assert sheet.status_code == 200 and sheet.content.decode().count("reports-sheet__code") == 2 * SIZE
    return [(posted - started) * 1000, (polled - posted) * 1000, (made - polled) * 1000, (shown - made) * 1000]


def main():
    args = [arg for arg in sys.argv[1:] if not arg.startswith("--")]
    rounds = int(args[0]) if args else 5
    call_command("migrate", "--noinput", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)  # the admin pages use the hashed static manifest
    code = f"BENCH-ACC-{time.time_ns() % 10**8}"
    centre = Centre.objects.create(code=code, name_th="ศูนย์ทดสอบบัญชี", province="น่าน")
    staff = User.objects.create(username=f"bench-acc-staff-{code}", display_name="เจ้าหน้าที่ทดสอบ", home_centre=centre)
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    Membership.objects.create(user=staff, centre=centre, role=Membership.Role.STAFF)
    client = Client(HTTP_HOST="localhost")
    client.force_login(staff, backend="learners.backends.UsernameOrMobileBackend")
    try:
        cold = one_round(client, rounds + 1)  # a fresh process: PyThaiNLP's dictionary loads in this POST
        client.get(URL)  # the form, as staff open it before pasting (it loads that dictionary if needed)
        samples = [one_round(client, n) for n in range(rounds)]
        db = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
        load = os.getloadavg()[0]
        print(
            f"Create {SIZE} accounts from pasted names, {rounds} rounds, {db}, {os.cpu_count()} CPUs, load {load:.1f}"
        )
        print(f"{'step':<40} {'median ms':>9} {'max ms':>7}")
        steps = ("POST: check, record, queue (the answer)", "progress page", "task: hash 20 and create", "sheet")
        for index, label in enumerate(steps):
            values = [sample[index] for sample in samples]
            print(f"{label:<40} {statistics.median(values):>9.0f} {max(values):>7.0f}")
        totals = [sum(sample) for sample in samples]
        print(f"{'total until the sheet shows':<40} {statistics.median(totals):>9.0f} {max(totals):>7.0f}")
        print(f"{'POST, fresh process, no form first':<40} {cold[0]:>9.0f}")
        if "--pbkdf2" in sys.argv:
            with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.PBKDF2PasswordHasher"]):
                task = one_round(client, rounds + 20)[2]
            print(f"{'task with PBKDF2 (Django default)':<40} {task:>9.0f}")
    finally:
        User.objects.filter(home_centre=centre).delete()
        centre.delete()


if __name__ == "__main__":
    main()
