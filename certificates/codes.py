"""Verification codes: 12 characters from an alphabet without look-alikes, in three groups of four (K7QM-3H9R-TWX4)."""

import re
import secrets

# No 0/O, 1/I/L: easy to read off paper and type on a phone. 31 symbols ** 12 ≈ 2**59 codes.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 12
GROUP = 4
CODE_RE = re.compile(rf"^[{ALPHABET}]{{{LENGTH}}}$")


def generate_code():
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return format_code(raw)


def format_code(raw):
    return "-".join(raw[i : i + GROUP] for i in range(0, LENGTH, GROUP))


def normalise_code(value):
    """The stored form of what someone typed, or None when it cannot be a code.

    Case, spaces and dashes are ignored, so ``abcd efgh jkmn`` finds ``ABCD-EFGH-JKMN``.
    """
    raw = re.sub(r"[\s\-–—]+", "", value or "").upper()
    if not CODE_RE.match(raw):
        return None
    return format_code(raw)
