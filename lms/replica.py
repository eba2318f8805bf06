"""Reads of the reports dashboards and exports from a streaming read replica (``DATABASE_REPLICA_URL``).

Only code inside ``with replica_reads():`` reads from the replica, and only when one is configured (the
``replica`` alias in ``DATABASES``); every write and every other read goes to the primary. A replica lags the
primary by a moment, which figures and exports can afford, and a sign-in or an answer cannot.
"""

import contextlib
import contextvars

from django.conf import settings

REPLICA = "replica"
_reading = contextvars.ContextVar("replica_reads", default=False)


@contextlib.contextmanager
def replica_reads():
    token = _reading.set(True)
    try:
        yield
    finally:
        _reading.reset(token)


class ReplicaRouter:
    """``DATABASE_ROUTERS`` entry: the replica for reads inside ``replica_reads()``, else the primary."""

    def db_for_read(self, model, **hints):
        return REPLICA if _reading.get() and REPLICA in settings.DATABASES else "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica is a copy of the primary: the same rows on both

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


class ReplicaReadsMixin:
    """For a class-based view after its permission mixins: the view and its template read from the replica."""

    def dispatch(self, request, *args, **kwargs):
        with replica_reads():
            response = super().dispatch(request, *args, **kwargs)
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()  # a TemplateResponse's queries run while rendering: inside the block
        if getattr(response, "streaming", False) and not getattr(response, "is_async", False):
            response.streaming_content = _each_on_replica(iter(response.streaming_content))
        return response


def _each_on_replica(chunks):
    """A streamed export reads as it goes, after the view returned: each chunk is made inside the block."""
    while True:
        with replica_reads():
            chunk = next(chunks, None)
        if chunk is None:
            return
        yield chunk
