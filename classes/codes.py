"""The six-digit check-in code of a session, derived, never stored.

``code = HMAC-SHA256(SECRET_KEY, "classes.checkin:<session id>:<minute window>")`` reduced to six digits.
The window is the Unix time divided by ``WINDOW_SECONDS``, so the code on the projector changes every
minute and the server can recompute it for any session and moment without writing to the database. A code
typed during the next minute is still accepted (``GRACE_WINDOWS``), so a learner who types slowly is not
turned away.
"""

import hashlib
import hmac

from django.conf import settings
from django.utils import timezone

WINDOW_SECONDS = 60
GRACE_WINDOWS = 1
DIGITS = 6


def window(at=None):
    return int((at or timezone.now()).timestamp()) // WINDOW_SECONDS


def code_for(session_id, window_number):
    message = f"classes.checkin:{session_id}:{window_number}".encode()
    digest = hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).digest()
    return f"{int.from_bytes(digest[:8], 'big') % 10**DIGITS:0{DIGITS}d}"


def current_code(session, at=None):
    return code_for(session.pk, window(at))


def seconds_left(at=None):
    at = at or timezone.now()
    return WINDOW_SECONDS - int(at.timestamp()) % WINDOW_SECONDS


def matches(session_id, code, at=None):
    """True when ``code`` is the session's code for this minute or the ``GRACE_WINDOWS`` before it."""
    now = window(at)
    return any(hmac.compare_digest(code, code_for(session_id, now - back)) for back in range(GRACE_WINDOWS + 1))


def normalise(raw):
    """Digits only (spaces, dashes and Thai digits allowed in the input); ``None`` if not six digits."""
    if raw is None:
        return None
    chars = [ch for ch in str(raw)[:40] if ch not in " -"]
    if len(chars) != DIGITS or not all(ch.isdecimal() for ch in chars):
        return None
    return "".join(str(int(ch)) for ch in chars)
