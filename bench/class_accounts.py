"""Server time to create a class of 20 accounts from pasted names (the staff form POST, then its sheet).

Run: .venv/bin/python -m bench.class_accounts [ROUNDS] [--pbkdf2]
     DATABASE_URL=postgres://... .venv/bin/python -m bench.class_accounts

Uses the bench settings (the project's Argon2id hasher; database var/bench.sqlite3 or DATABASE_URL), migrating
if needed, with a throwaway centre and staff member it deletes at the end. Each round posts 20 new Thai names
(half with a mobile number, half with a made-up username) through Django's test client and times the POST
(validation, 20 Argon2 hashes, the transaction) and the GET of the printable sheet it redirects to. Prints
median and max per step, and the first POST of a fresh process (PyThaiNLP's word dictionary loads in it
unless the form was shown first) once. ``--pbkdf2`` adds one round with Django's default PBKDF2 hasher, for comparison.
The goal is under 5 s for the POST and the sheet together.
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
        lines.append(f"{name}\t08{round_number % 10}{n:07d}" if n % 2 else name)
    return "\n".join(lines)


def one_round(client, round_number):
    key = uuid.uuid4()
    started = time.perf_counter()
    response = client.post(URL, {"names": names(round_number), "key": key})
    posted = time.perf_counter()
    assert response.status_code == 302, (response.status_code, response.content[:2000])
    sheet = client.get(response["Location"])
    shown = time.perf_counter()
    assert sheet.status_code == 200 and sheet.content.decode().count("reports-sheet__code") == 2 * SIZE
    return (posted - started) * 1000, (shown - posted) * 1000


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
        print(f"{'step':<34} {'median ms':>9} {'max ms':>7}")
        for label, values in (
            ("POST (check, hash, create)", [s[0] for s in samples]),
            ("GET printable sheet", [s[1] for s in samples]),
            ("total", [s[0] + s[1] for s in samples]),
        ):
            print(f"{label:<34} {statistics.median(values):>9.0f} {max(values):>7.0f}")
        print(f"{'POST, fresh process, no form first':<34} {cold[0]:>9.0f}")
        if "--pbkdf2" in sys.argv:
            with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.PBKDF2PasswordHasher"]):
                post, _sheet = one_round(client, rounds)
            print(f"{'POST with PBKDF2 (Django default)':<34} {post:>9.0f}")
    finally:
        User.objects.filter(home_centre=centre).delete()
        centre.delete()


if __name__ == "__main__":
    main()
