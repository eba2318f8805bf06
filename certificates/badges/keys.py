"""Signing keys: RSA (RS256) keys in PEM files, published as a JWK Set at ``/.well-known/jwks.json``.

Configuration (settings, from the environment in production):

- ``BADGES_KEY_DIR``: every ``*.pem`` in it is a key whose public half is published and verifies. A retired
  key may be kept as a public-key PEM only. Rotation = add a newer key; keep the old files.
- ``BADGES_SIGNING_KEY_FILE``: the private key that signs (default: the last private key by file name).
- ``BADGES_SIGNING_KEY``: alternatively the signing key's PEM text itself (e.g. from a secret store).
- ``BADGES_GENERATE_KEY``: with no key at all, generate one into ``BADGES_KEY_DIR`` (demo and tests; off
  in production, where a missing key is a configuration error).

Each key's id is its RFC 7638 thumbprint; the ``kid`` in every credential's JOSE header is the full URL
``<site>/.well-known/jwks.json#<thumbprint>``, which is also the ``kid`` of that key in the published set.
"""

import os
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from joserfc.jwk import KeySet, RSAKey

from .urls_base import public_url

RSA_BITS = 3072
JWKS_PATH = "/.well-known/jwks.json"


@dataclass(frozen=True)
class Keys:
    signing: RSAKey
    signing_kid: str
    public: dict  # kid URL -> public RSAKey


def kid_url(thumbprint):
    return public_url(f"{JWKS_PATH}#{thumbprint}")


def key_dir():
    return Path(getattr(settings, "BADGES_KEY_DIR", Path(settings.BASE_DIR) / "var" / "badge-keys"))


def generate_key_file(directory=None):
    """Write a new private key named by the time (so it sorts last and becomes the signing key)."""
    directory = Path(directory or key_dir())
    directory.mkdir(parents=True, exist_ok=True)
    key = RSAKey.generate_key(RSA_BITS, private=True)
    path = directory / f"{timezone.now():%Y%m%d-%H%M%S-%f}.pem"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(key.as_pem(private=True))
    _cache.clear()
    return path


def _read(path):
    return RSAKey.import_key(Path(path).read_bytes())


def _load():
    directory = key_dir()
    files = sorted(directory.glob("*.pem")) if directory.is_dir() else []
    keys = {path: _read(path) for path in files}
    signing = None
    if pem := getattr(settings, "BADGES_SIGNING_KEY", ""):
        signing = RSAKey.import_key(pem.encode() if isinstance(pem, str) else pem)
    elif path := getattr(settings, "BADGES_SIGNING_KEY_FILE", ""):
        signing = _read(path)
    else:
        private = [key for key in keys.values() if key.is_private]
        signing = private[-1] if private else None
    if signing is None:
        if not getattr(settings, "BADGES_GENERATE_KEY", False):
            raise ImproperlyConfigured(
                "No badge signing key: set BADGES_SIGNING_KEY_FILE (or BADGES_SIGNING_KEY), "
                "or run `manage.py badge_keys --generate`."
            )
        generate_key_file(directory)
        return _load()
    public = {kid_url(key.thumbprint()): key for key in [*keys.values(), signing]}
    return Keys(signing=signing, signing_kid=kid_url(signing.thumbprint()), public=public)


_cache = {}


def current():
    """The loaded keys, read once per process and per key-directory state (rotation needs no restart)."""
    directory = key_dir()
    stamp = (
        str(directory),
        tuple((p.name, p.stat().st_mtime_ns) for p in sorted(directory.glob("*.pem"))) if directory.is_dir() else (),
        getattr(settings, "BADGES_SIGNING_KEY_FILE", ""),
        bool(getattr(settings, "BADGES_SIGNING_KEY", "")),
        public_url("/"),
    )
    if stamp not in _cache:
        _cache.clear()
        _cache[stamp] = _load()
    return _cache[stamp]


def jwks():
    """The public JWK Set: every key that verifies, each with its ``kid`` URL, ``alg`` and ``use``."""
    entries = []
    for kid, key in current().public.items():
        entries.append({**key.as_dict(private=False), "kid": kid, "alg": "RS256", "use": "sig"})
    return {"keys": entries}


def public_key_set():
    return KeySet([RSAKey.import_key(entry) for entry in jwks()["keys"]])
