"""Create the accounts of a whole class from names pasted from a spreadsheet or a CSV file: all rows valid,
or nothing is created.

Columns: ``display_name`` (required) and ``username_or_mobile`` (optional; a blank cell gets a username
made from the romanised first name). Each account gets a generated first password, stored as a hash; the
printable sheet of first passwords is kept encrypted on the ``AccountBatch`` for ``SHEET_KEPT``, so a
double click or a reload shows the same sheet instead of creating the accounts twice. The request records the
batch and answers at once (``start``); a background task creates the accounts (``run``) while the sheet's page
shows its progress.
"""

import base64
import csv
import datetime
import hashlib
import io
import json
import re
import secrets
from dataclasses import asdict, dataclass, field

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from classes.services import add_members
from learners.models import mobile_validator
from learners.services import create_learner, one_time_password

from .models import AccountBatch

MAX_ROWS = 60
PROGRESS_EVERY = 5  # passwords hashed between two progress updates of the batch
MAX_BYTES = 200_000
SHEET_KEPT = datetime.timedelta(hours=1)
COLUMNS = ("display_name", "username_or_mobile")
# Thai column names staff type in their spreadsheet, read as the English ones.
THAI_COLUMNS = {
    "ชื่อ": "display_name",
    "ชื่อ-นามสกุล": "display_name",
    "ชื่อผู้เรียน": "display_name",
    "ชื่อผู้ใช้หรือเบอร์มือถือ": "username_or_mobile",
    "ชื่อผู้ใช้": "username_or_mobile",
    "เบอร์มือถือ": "username_or_mobile",
}
REQUIRED_COLUMNS = ("display_name",)
USERNAME_RE = re.compile(r"^[A-Za-z0-9._-]{3,150}$")


@dataclass
class Account:
    line: int
    display_name: str
    username: str
    mobile: str | None = None
    password: str = ""


@dataclass
class ImportResult:
    accounts: list = field(default_factory=list)
    errors: list = field(default_factory=list)  # (line number or None, message)
    encoding: str = ""

    @property
    def ok(self):
        return not self.errors


def decode(data):
    """Text of an uploaded file: UTF-8 (with or without Excel's BOM), UTF-16 or Thai Windows (TIS-620/cp874)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "UTF-16"
    try:
        return data.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp874"), "TIS-620"
    except UnicodeDecodeError:
        raise ValueError(
            _(
                "The file is not in a text encoding we can read. "
                "In Excel choose Save As → “CSV UTF-8 (Comma delimited)”."
            )
        ) from None


def _delimiter(header_line):
    for candidate in (",", ";", "\t"):
        if candidate in header_line:
            return candidate
    return ","


def warm_up():
    """Load PyThaiNLP's word dictionary now (about 2 s, once per process) rather than in the POST that makes
    up usernames; called when the form is shown. Search and page slugs use the same dictionary."""
    from pythainlp.tokenize import word_dict_trie

    word_dict_trie()


def _username_base(display_name):
    from pythainlp.transliterate import romanize

    first = display_name.split()[0] if display_name.split() else ""
    try:
        base = romanize(first, engine="royin") if any("\u0e00" <= c <= "\u0e7f" for c in first) else first
    except Exception:  # romanisation is a convenience; a failure falls back to a plain prefix
        base = ""
    base = re.sub(r"[^a-z]", "", base.lower())[:12]
    return base if len(base) >= 2 else "learner"


def plan(data):
    """Read and validate the whole file; returns an ``ImportResult`` with accounts or errors, never both."""
    result = ImportResult()
    if len(data) > MAX_BYTES:
        result.errors.append(
            (
                None,
                _("The file is too large. Upload one class (at most %(rows)s learners) at a time.")
                % {"rows": MAX_ROWS},
            )
        )
        return result
    try:
        text, result.encoding = decode(data)
    except ValueError as exc:
        result.errors.append((None, str(exc)))
        return result
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        result.errors.append(
            (None, _("The file is empty. The first line must name the columns: ชื่อ, ชื่อผู้ใช้หรือเบอร์มือถือ."))
        )
        return result
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(lines[0]))
    header = [name.strip().lower().lstrip("\ufeff") for name in next(reader)]
    header = [THAI_COLUMNS.get(name, name) for name in header]
    unknown = [name for name in header if name not in COLUMNS]
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if unknown or missing or len(set(header)) != len(header):
        result.errors.append(
            (
                1,
                _(
                    "The first line must name the columns ชื่อ and (optionally) ชื่อผู้ใช้หรือเบอร์มือถือ "
                    "(or display_name and username_or_mobile); found: %(found)s."
                )
                % {"found": ", ".join(header) or "—"},
            )
        )
        return result
    rows = []
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        rows.append((reader.line_num, row))
    return _check_rows(
        rows,
        header,
        result,
        empty=_("The file has no learners below the column names."),
        too_many=_("The file has %(count)s learners; upload at most %(rows)s at a time."),
    )


def plan_pasted(text):
    """Names pasted from a spreadsheet, one learner a line: the name, optionally a tab (or comma) and a
    username or mobile number. Returns an ``ImportResult`` like ``plan``; line numbers are the pasted lines."""
    result = ImportResult()
    if len(text) > MAX_BYTES:
        result.errors.append(
            (None, _("Too much text. Paste one class (at most %(rows)s learners) at a time.") % {"rows": MAX_ROWS})
        )
        return result
    rows = []
    for line_number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        cells = line.split("\t") if "\t" in line else line.split(",")
        while len(cells) > 1 and not cells[-1].strip():
            cells.pop()
        first = cells[0].strip().lower().lstrip("\ufeff")
        if not rows and THAI_COLUMNS.get(first, first) == "display_name":
            continue  # the column names, copied with the rows
        rows.append((line_number, cells))
    return _check_rows(
        rows,
        list(COLUMNS),
        result,
        empty=_("Paste at least one name, one learner a line."),
        too_many=_("There are %(count)s learners; create at most %(rows)s at a time."),
    )


def _check_rows(rows, header, result, *, empty, too_many):
    """The rows of a file or of pasted text, as ``(line number, cells)``: an error if there are none or more than
    ``MAX_ROWS`` (``too_many`` is formatted with ``count`` and ``rows``), else each row checked. Returns
    ``result``, which holds accounts only when no row has an error."""
    if not rows:
        result.errors.append((None, empty))
    elif len(rows) > MAX_ROWS:
        result.errors.append((None, too_many % {"count": len(rows), "rows": MAX_ROWS}))
    else:
        _validate_rows(rows, header, result)
    return result


def _validate_rows(rows, header, result):
    User = get_user_model()
    wanted = []
    for line, row in rows:
        if len(row) > len(header):
            result.errors.append((line, _("This line has more cells than there are columns.")))
            continue
        values = dict(zip(header, [cell.strip() for cell in row], strict=False))
        name = " ".join(values.get("display_name", "").split())
        login = values.get("username_or_mobile", "")
        if not name:
            result.errors.append((line, _("The name is empty.")))
            continue
        if len(name) > 150 or any(ord(c) < 32 for c in name):
            result.errors.append((line, _("The name is too long or contains characters that cannot be printed.")))
            continue
        account = Account(line=line, display_name=name, username="")
        if login:
            digits = login.replace("-", "").replace(" ", "")
            if digits.isdigit():
                try:
                    mobile_validator(digits)
                except ValidationError as exc:
                    result.errors.append((line, " ".join(exc.messages)))
                    continue
                account.username = account.mobile = digits
            elif USERNAME_RE.match(login):
                account.username = login
            else:
                result.errors.append(
                    (
                        line,
                        _("The username may use only English letters, numbers, dot, dash or underscore (3 or more)."),
                    )
                )
                continue
        wanted.append(account)
    given = [account for account in wanted if account.username]
    seen = {}
    for account in given:
        key = account.username.lower()
        if key in seen:
            result.errors.append(
                (
                    account.line,
                    _("The username %(username)s is also on line %(line)s.")
                    % {"username": account.username, "line": seen[key]},
                )
            )
        else:
            seen[key] = account.line
    lowered = [account.username.lower() for account in given]
    taken = set(
        User.objects.annotate(lower=Lower("username")).filter(lower__in=lowered).values_list("lower", flat=True)
    )
    taken |= set(User.objects.filter(mobile__in=[a.mobile for a in given if a.mobile]).values_list("mobile", flat=True))
    for account in given:
        if account.username.lower() in taken:
            result.errors.append(
                (account.line, _("The username %(username)s is already taken.") % {"username": account.username})
            )
    if result.errors:
        result.errors.sort(key=lambda error: error[0] or 0)
        return
    _make_up_usernames([account for account in wanted if not account.username], set(seen))
    result.accounts = wanted


def _make_up_usernames(accounts, used):
    User = get_user_model()
    for account in accounts:
        base = _username_base(account.display_name)
        for _attempt in range(50):
            candidate = f"{base}{secrets.randbelow(9000) + 1000}"
            if candidate not in used and not User.objects.filter(username__iexact=candidate).exists():
                break
        used.add(candidate)
        account.username = candidate


def _fernet():
    digest = hashlib.sha256(b"reports.class_import.sheet:" + settings.SECRET_KEY.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def seal(accounts):
    """The sheet (names, usernames, first passwords) as an encrypted token for ``AccountBatch.sheet``."""
    return _fernet().encrypt(json.dumps([asdict(account) for account in accounts]).encode()).decode()


def open_sheet(batch, now=None):
    """The batch's accounts with their first passwords, or None once ``SHEET_KEPT`` has passed (then cleared)."""
    now = now or timezone.now()
    if batch.sheet and now - batch.created_at <= SHEET_KEPT:
        try:
            return [Account(**row) for row in json.loads(_fernet().decrypt(batch.sheet.encode()))]
        except InvalidToken:  # SECRET_KEY changed since: the sheet cannot be read any more
            pass
    if batch.sheet:
        AccountBatch.objects.filter(pk=batch.pk).update(sheet="")
        batch.sheet = ""
    return None


def hash_passwords(passwords, progress=None):
    """``make_password`` of each password, in order; ``progress(count)`` is called every ``PROGRESS_EVERY``
    hashes and at the end."""
    hashes = []
    for password in passwords:
        hashes.append(make_password(password))
        if progress is not None and (len(hashes) % PROGRESS_EVERY == 0 or len(hashes) == len(passwords)):
            progress(len(hashes))
    return hashes


def start(accounts, centre, *, key, klass=None, added_by=None, encoding=""):
    """Record the ``AccountBatch`` with ``key`` (its sheet: names, usernames, new first passwords) and queue the
    task that creates the accounts (``run``); returns the batch at once, so staff see its progress.

    Raises ``IntegrityError``, having recorded nothing, when ``key`` was used already (the same form sent again).
    """
    from .tasks import create_class_accounts

    for account in accounts:
        account.password = one_time_password()
    AccountBatch.objects.filter(created_at__lt=timezone.now() - SHEET_KEPT).exclude(sheet="").update(sheet="")
    with transaction.atomic():
        batch = AccountBatch.objects.create(
            key=key,
            centre=centre,
            klass=klass,
            created_by=added_by,
            count=len(accounts),
            encoding=encoding,
            sheet=seal(accounts),
        )
    create_class_accounts.enqueue(batch.pk)
    batch.refresh_from_db()
    return batch


def run(batch):
    """Create every account of ``batch`` from its sheet (home centre, learner role, member of its class if any):
    all in one transaction with the batch marked done, or none, the batch marked failed (a username taken
    since the form was checked, or the sheet expired before a worker got to it). Returns the batch.

    Passwords are hashed before the transaction starts, so the database's write lock is held only for the
    inserts. A batch found running (its worker died: the queue runs it again) starts over, as nothing of it was
    committed; a finished one is left alone.
    """
    if batch.finished:
        return batch
    rows = AccountBatch.objects.filter(pk=batch.pk)
    accounts = open_sheet(batch)
    if accounts is None:
        rows.update(status=AccountBatch.Status.FAILED)
        batch.refresh_from_db()
        return batch
    rows.update(status=AccountBatch.Status.RUNNING, done=0)
    hashes = hash_passwords([account.password for account in accounts], progress=lambda n: rows.update(done=n))
    try:
        with transaction.atomic():
            if rows.select_for_update().get().finished:
                return batch  # another worker finished it meanwhile
            users = [
                create_learner(
                    login=account.username,
                    display_name=account.display_name,
                    password=None,
                    password_hash=password_hash,
                    centre=batch.centre,
                )
                for account, password_hash in zip(accounts, hashes, strict=True)
            ]
            if batch.klass is not None:
                add_members(batch.klass, users, added_by=batch.created_by)
            rows.update(status=AccountBatch.Status.DONE, done=len(users))
    except IntegrityError:
        rows.update(status=AccountBatch.Status.FAILED, sheet="")
    batch.refresh_from_db()
    return batch
