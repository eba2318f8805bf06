"""Model fields many apps declare the same way: one place for their options."""

from django.db import models


def optional_fk(to, **options):
    """A ``ForeignKey`` to ``to`` that may be empty and is emptied (NULL) when the row it points at is deleted,
    with no reverse accessor unless ``related_name`` is given. ``options`` add to or override these; a
    migration sees a plain ``ForeignKey``."""
    defaults = {"null": True, "blank": True, "on_delete": models.SET_NULL, "related_name": "+"}
    return models.ForeignKey(to, **(defaults | options))
