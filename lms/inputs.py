"""Reading ids, search text and ``next`` from requests: the one place that decides what is well formed.

An id is 1–19 ASCII digits and fits a signed 64-bit integer (``int()`` would accept ``٣`` and 5,000-digit
numbers; SQLite raises ``OverflowError`` beyond 2**63 - 1). Text never carries a NUL byte (PostgreSQL
refuses it). ``next`` is only ever a path on this site, never a view name for ``redirect()``.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.db.models import Model
from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

MAX_ID = 2**63 - 1
ID_PATTERN = re.compile(r"[0-9]{1,19}")  # not \d: that matches Thai and Arabic-Indic digits too


def parse_id(value):
    """``value`` as a positive id, or ``None`` when it is not one (wrong type, non-ASCII digits, too big)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 < value <= MAX_ID else None
    if not isinstance(value, str) or not ID_PATTERN.fullmatch(value):
        return None
    number = int(value)
    return number if 0 < number <= MAX_ID else None


class IdConverter:
    """``<id:name>`` in URL patterns: a positive id that fits the database, else the URL does not match (404)."""

    regex = "[0-9]{1,19}"

    def to_python(self, value):
        number = parse_id(value)
        if number is None:
            raise ValueError("not an id")
        return number

    def to_url(self, value):
        return str(value)


no_nul_bytes = ProhibitNullCharactersValidator(
    message=_("Please remove the invisible control characters from what you typed.")
)


class IdField(forms.IntegerField):
    """An id in a query parameter or form field (hidden by default)."""

    widget = forms.HiddenInput
    default_error_messages = {"invalid": _("This link or form is out of date. Please go back and try again.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(min_value=1, max_value=MAX_ID, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        number = parse_id(value.strip() if isinstance(value, str) else value)
        if number is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return number


class SearchField(forms.CharField):
    """A search box: trimmed, at most ``max_length`` characters, no NUL bytes (a clear error instead)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 100)
        super().__init__(**kwargs)
        self.validators = [v for v in self.validators if not isinstance(v, ProhibitNullCharactersValidator)]
        self.validators.append(no_nul_bytes)


class ModelIdChoiceField(forms.ModelChoiceField):
    """A ``ModelChoiceField`` that refuses malformed ids and NUL bytes before asking the database
    (which would raise ``OverflowError`` on SQLite for multi-table pages, ``DataError`` on PostgreSQL)."""

    def to_python(self, value):
        if value in self.empty_values or isinstance(value, Model):
            return super().to_python(value)
        text = str(value)
        if "\x00" in text or (not self.to_field_name and parse_id(text) is None):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class ModelIdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A ``ModelMultipleChoiceField`` that refuses malformed ids and NUL bytes before asking the database."""

    def _check_values(self, value):
        for item in value:
            text = str(item)
            if "\x00" in text or (not self.to_field_name and parse_id(text) is None):
                raise ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": text[:20]}
                )
        return super()._check_values(value)


def safe_next(request, default, field="next"):
    """``next`` from POST or GET when it is a path on this site (``/...``), else ``default``."""
    target = request.POST.get(field) or request.GET.get(field) or ""
    if (
        target.startswith("/")
        and target.isprintable()  # no NUL, newline or other control character
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return target
    return default


def redirect_next(request, default, field="next"):
    """Redirect to ``safe_next`` — as a URL, never resolved as a view name like ``redirect("0")`` would be."""
    return HttpResponseRedirect(safe_next(request, default, field))
