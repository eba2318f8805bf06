"""The learner's own data under Thailand's PDPA: export everything, and erasure confirmed by staff.

Both are generic: they walk ``User._meta.related_objects`` (every model with a foreign key, one-to-one or
many-to-many to the user, and one level further down for rows the user owns, e.g. a quiz attempt's answers),
so this app imports none of the apps that store things about a learner.

Erasure keeps statistics honest without keeping the person: apps that hold progress receive the
``learners.hooks.learner_erasing`` signal just before deletion and write anonymous rows (e.g.
``lessons.AnonymousProgress``: course, centre, month, lessons completed, completed). Then the user row is
deleted and the database's ``on_delete`` rules remove or detach everything that pointed at it.
"""

import csv
import datetime
import decimal
import io
import uuid

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import CASCADE
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.text import capfirst

from lms.spreadsheets import neutralise

from .hooks import learner_erasing
from .models import DeletionRequest, User
from .permissions import can_manage_learner

USER_FIELDS_NOT_EXPORTED = {"password"}


def _plain(value):
    """A JSON-safe value: dates as ISO 8601, files as their name, everything unknown as text."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, FieldFile):
        return value.name or None
    if isinstance(value, dict | list):
        return value
    return str(value)


def _row(obj, exclude=()):
    return {
        field.attname: _plain(field.value_from_object(obj))
        for field in obj._meta.concrete_fields
        if field.attname not in exclude
    }


def _related_rows(relation, lookup, data):
    """Export the rows of ``relation.related_model`` matching ``lookup`` into ``data``; return them."""
    model = relation.related_model
    label = f"{model._meta.app_label}.{model._meta.model_name}"
    rows = [_row(obj) for obj in model._base_manager.filter(**lookup).order_by("pk")]
    if rows:
        key = label if label not in data else f"{label}.{relation.field.name}"
        data.setdefault(key, []).extend(rows)
    return rows


def export_user_data(user):
    """Everything stored about ``user``: ``{"user": {...}, "app.model": [rows...], ...}``."""
    data = {"user": _row(user, USER_FIELDS_NOT_EXPORTED)}
    data["user"]["groups"] = sorted(user.groups.values_list("name", flat=True))
    for relation in User._meta.related_objects:
        owned = relation.on_delete is CASCADE
        rows = _related_rows(relation, {relation.field.name: user}, data)
        if owned and rows:
            # Rows that belong to the user's rows (e.g. the answers of a quiz attempt): one level down.
            for child in relation.related_model._meta.related_objects:
                if child.on_delete is CASCADE:
                    pks = [row[relation.related_model._meta.pk.attname] for row in rows]
                    _related_rows(child, {f"{child.field.name}__in": pks}, data)
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        label = f"{model._meta.app_label}.{model._meta.model_name}"
        rows = [_row(obj) for obj in model.objects.filter(username__in=_logins(user)).order_by("pk")]
        if rows:
            data[label] = rows
    return data


def describe(data):
    """``[(name for people, table label, row count)]`` for an export, in the active language."""
    described = []
    for table, rows in data.items():
        try:
            name = apps.get_model(".".join(table.split(".")[:2]))._meta.verbose_name
        except (LookupError, ValueError):
            name = User._meta.verbose_name
        described.append((capfirst(str(name)), table, 1 if isinstance(rows, dict) else len(rows)))
    return described


def export_csv(data):
    """The export as one CSV (UTF-8 with BOM for spreadsheet programs): table, row, field, value.

    Text values are neutralised like the staff exports (``lms.spreadsheets``), so none runs as a formula.
    """
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(["table", "row", "field", "value"])
    for table, rows in data.items():
        for number, row in enumerate([rows] if isinstance(rows, dict) else rows, start=1):
            for field, value in row.items():
                writer.writerow([table, number, field, "" if value is None else neutralise(value)])
    return out.getvalue()


def _logins(user):
    return [login for login in (user.username, user.mobile) if login]


def open_deletion_request(user):
    return DeletionRequest.objects.filter(user=user, confirmed_at__isnull=True).first()


def request_deletion(user):
    """Ask for erasure. Idempotent: a second request returns the open one (one per user, by constraint)."""
    existing = open_deletion_request(user)
    if existing:
        return existing
    try:
        with transaction.atomic():
            return DeletionRequest.objects.create(user=user, centre=user.home_centre)
    except IntegrityError:
        return open_deletion_request(user)


def cancel_deletion(user):
    """Withdraw an open request; returns True when there was one."""
    deleted, _ = DeletionRequest.objects.filter(user=user, confirmed_at__isnull=True).delete()
    return bool(deleted)


def erase_user(staff_user, deletion_request):
    """Carry out an open request: anonymous statistics first, then delete the account. All or nothing."""
    with transaction.atomic():
        request = DeletionRequest.objects.select_for_update().filter(pk=deletion_request.pk).first()
        if request is None or request.confirmed_at is not None or request.user_id is None:
            return False
        user = request.user
        if not can_manage_learner(staff_user, user):
            raise PermissionDenied
        learner_erasing.send(User, user=user)
        logins = _logins(user)
        request.confirmed_at = timezone.now()
        request.confirmed_by = staff_user
        request.save(update_fields=["confirmed_at", "confirmed_by"])
        user.delete()
        for model in (AccessAttempt, AccessLog, AccessFailureLog):
            model.objects.filter(username__in=logins).delete()
    return True
