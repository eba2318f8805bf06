"""Back up and restore one site: the database (``pg_dump -Fc``, or SQLite's online backup) and the media files.

A backup is a directory holding ``database.dump`` (PostgreSQL) or ``database.sqlite3`` (SQLite),
``media.tar.gz`` and ``manifest.json`` (when, which database engine, and the row counts of what users care about,
so a restore can be checked against them). ``manage.py backup`` and ``manage.py restore`` are the commands.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connections
from django.utils import timezone


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why in words an operator can act on."""


def counts(using="default"):
    """Row counts of the models the ``BACKUP_COUNTED_MODELS`` setting names (label -> "app.Model")."""
    return {
        label: apps.get_model(model_label)._default_manager.using(using).count()
        for label, model_label in settings.BACKUP_COUNTED_MODELS.items()
    }


def _pg_env(db):
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def _pg_args(db):
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", db["HOST"]]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    return args


def _run(command, db):
    try:
        result = subprocess.run(command, env=_pg_env(db), capture_output=True, text=True)
    except FileNotFoundError as exc:
        raise BackupError(f"{command[0]} is not installed (Debian package postgresql-client).") from exc
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[-500:]}")


def backup(target, using="default"):
    """Write a new backup directory under ``target``; returns its path."""
    db = connections[using].settings_dict
    vendor = connections[using].vendor
    folder = Path(target) / timezone.now().strftime("lms-%Y%m%d-%H%M%S")
    folder.mkdir(parents=True, exist_ok=False)
    if vendor == "postgresql":
        _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(folder / "database.dump"), *_pg_args(db)], db)
    elif vendor == "sqlite":
        connection = connections[using]
        connection.ensure_connection()
        with sqlite3.connect(folder / "database.sqlite3") as copy:
            connection.connection.backup(copy)
        copy.close()
    else:
        raise BackupError(f"Backing up a {vendor} database is not supported.")
    media = Path(settings.MEDIA_ROOT)
    with tarfile.open(folder / "media.tar.gz", "w:gz") as archive:
        if media.is_dir():
            archive.add(media, arcname="media")
    manifest = {"created": timezone.now().isoformat(), "vendor": vendor, "counts": counts(using)}
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    return folder


def _is_empty(using):
    return "django_migrations" not in connections[using].introspection.table_names()


def restore(source, using="default", media_root=None):
    """Restore the backup directory ``source`` into an EMPTY database and ``media_root`` (default MEDIA_ROOT).

    Returns the manifest's counts and the restored database's counts, for the caller to compare.
    """
    source = Path(source)
    manifest_file = source / "manifest.json"
    if not manifest_file.is_file():
        raise BackupError(f"{source} is not a backup: it has no manifest.json.")
    manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
    vendor = connections[using].vendor
    if manifest["vendor"] != vendor:
        raise BackupError(f"This backup is of a {manifest['vendor']} database; the target database is {vendor}.")
    if not _is_empty(using):
        raise BackupError("The target database is not empty. Restore into a new, empty database.")
    db = connections[using].settings_dict
    if vendor == "postgresql":
        dump = source / "database.dump"
        _run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", *_pg_args(db), str(dump)], db)
    else:
        connections[using].close()
        shutil.copyfile(source / "database.sqlite3", db["NAME"])
    media = Path(media_root or settings.MEDIA_ROOT)
    media.mkdir(parents=True, exist_ok=True)
    with tarfile.open(source / "media.tar.gz", "r:gz") as archive:
        for member in archive.getmembers():
            if member.name == "media":
                continue
            member.name = member.name.removeprefix("media/")
            archive.extract(member, media, filter="data")
    connections[using].close()
    return manifest["counts"], counts(using)
