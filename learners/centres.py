"""Centres: the searchable picker and the CSV import. Built for all 2,281 centres."""

import csv
import io

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from .models import Centre

PICKER_LIMIT = 20
CSV_COLUMNS = ["code", "name_th", "name_en", "type", "province", "district"]


def search_centres(query, queryset=None, limit=PICKER_LIMIT):
    """Centres whose name (Thai or English), province, district or code contains every word of ``query``.

    Returns ``(centres, more)``: at most ``limit`` centres, and whether more matched. An empty query
    matches nothing, so a phone never receives the whole list.
    """
    queryset = Centre.objects.all() if queryset is None else queryset
    words = (query or "").split()[:5]
    if not words:
        return [], False
    for word in words:
        word = word[:100]
        queryset = queryset.filter(
            Q(name_th__icontains=word)
            | Q(name_en__icontains=word)
            | Q(province__icontains=word)
            | Q(district__icontains=word)
            | Q(code__iexact=word)
        )
    found = list(queryset.order_by("province", "name_th")[: limit + 1])
    return found[:limit], len(found) > limit


class CentreImportError(Exception):
    """The file has errors; ``errors`` is a list of ``(line_number, message)``. Nothing was saved."""

    def __init__(self, errors):
        super().__init__(f"{len(errors)} error(s)")
        self.errors = errors


def _read_rows(data):
    """``(line_number, row_dict)`` for each row of CSV ``data`` (bytes or text, UTF-8 with or without BOM)."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise CentreImportError(
                [(1, _("The file is not UTF-8 text. Save it as “CSV UTF-8” and try again."))]
            ) from exc
    data = data.removeprefix("\ufeff")
    reader = csv.DictReader(io.StringIO(data, newline=""))
    header = [name.strip() for name in (reader.fieldnames or [])]
    missing = [name for name in CSV_COLUMNS if name not in header]
    if missing:
        raise CentreImportError([(1, _("Missing column(s): %(columns)s") % {"columns": ", ".join(missing)})])
    reader.fieldnames = header
    for row in reader:
        yield reader.line_num, {key: (row.get(key) or "").strip() for key in CSV_COLUMNS}


def import_centres(data):
    """Load or update centres by code from CSV ``data``. All or nothing.

    Every row is checked first (required fields, lengths, a known type, no code twice in the file); when
    any row is wrong ``CentreImportError`` lists them with line numbers and nothing is changed. Returns
    ``{"created": n, "updated": n, "unchanged": n}``.
    """
    errors, centres, seen = [], [], {}
    for line, row in _read_rows(data):
        centre = Centre(
            code=row["code"],
            name_th=row["name_th"],
            name_en=row["name_en"],
            kind=row["type"],
            province=row["province"],
            district=row["district"],
        )
        try:
            centre.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                column = "type" if field == "kind" else field
                errors.extend((line, f"{column}: {message}") for message in messages)
            continue
        if centre.code in seen:
            errors.append(
                (line, _("code %(code)s is also on line %(line)s") % {"code": centre.code, "line": seen[centre.code]})
            )
            continue
        seen[centre.code] = line
        centres.append(centre)
    if errors:
        raise CentreImportError(errors)
    if not centres:
        raise CentreImportError([(1, _("The file has no centres."))])
    fields = ["name_th", "name_en", "kind", "province", "district"]
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    with transaction.atomic():
        existing = {c.code: c for c in Centre.objects.select_for_update().filter(code__in=seen)}
        to_create, to_update = [], []
        for centre in centres:
            current = existing.get(centre.code)
            if current is None:
                to_create.append(centre)
            elif any(getattr(current, f) != getattr(centre, f) for f in fields):
                for f in fields:
                    setattr(current, f, getattr(centre, f))
                to_update.append(current)
            else:
                counts["unchanged"] += 1
        Centre.objects.bulk_create(to_create, batch_size=500)
        Centre.objects.bulk_update(to_update, fields, batch_size=500)
    counts["created"], counts["updated"] = len(to_create), len(to_update)
    return counts
