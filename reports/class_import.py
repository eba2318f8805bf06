"""Create the accounts of a whole class from a CSV file: all rows valid, or nothing is created.

Columns: ``display_name`` (required) and ``username_or_mobile`` (optional; a blank cell gets a username
made from the romanised first name). Each account gets a generated first password, returned once for the
printable sheet and stored only as a hash.
"""

import csv
import io
import re
import secrets
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from classes.services import add_members
from learners.models import mobile_validator
from learners.services import create_learner, one_time_password

MAX_ROWS = 60
MAX_BYTES = 200_000
COLUMNS = ("display_name", "username_or_mobile")
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
            (None, _("The file is empty. The first line must name the columns: display_name, username_or_mobile."))
        )
        return result
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(lines[0]))
    header = [name.strip().lower().lstrip("\ufeff") for name in next(reader)]
    unknown = [name for name in header if name not in COLUMNS]
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if unknown or missing or len(set(header)) != len(header):
        result.errors.append(
            (
                1,
                _(
                    "The first line must name the columns display_name and (optionally) username_or_mobile; "
                    "found: %(found)s."
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
    if not rows:
        result.errors.append((None, _("The file has no learners below the column names.")))
        return result
    if len(rows) > MAX_ROWS:
        result.errors.append(
            (
                None,
                _("The file has %(count)s learners; upload at most %(rows)s at a time.")
                % {"count": len(rows), "rows": MAX_ROWS},
            )
        )
        return result
    _validate_rows(rows, header, result)
    if result.errors:
        result.accounts = []
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
            result.errors.append((line, _("The name (display_name) is empty.")))
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


def create(accounts, centre, klass=None, added_by=None):
    """Create every account (home centre ``centre``, learner role, member of ``klass`` if given) in one transaction.

    Returns the accounts with their one-time passwords, or raises ``IntegrityError`` having created
    nothing (e.g. someone registered one of the usernames a moment ago).
    """
    with transaction.atomic():
        users = []
        for account in accounts:
            account.password = one_time_password()
            users.append(
                create_learner(
                    login=account.username, display_name=account.display_name, password=account.password, centre=centre
                )
            )
        if klass is not None:
            add_members(klass, users, added_by=added_by)
    return accounts
