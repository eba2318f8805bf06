import time

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _cache():
    key = f"healthz:{time.time_ns()}"
    cache.set(key, "ok", 10)
    if cache.get(key) != "ok":
        raise RuntimeError("cache did not return what was stored")
    cache.delete(key)


def _queue():
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.ready()
    oldest = waiting.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    return {
        "waiting": waiting.count(),
        "running": DBTaskResult.objects.running().count(),
        "oldest_waiting_seconds": round((timezone.now() - oldest).total_seconds()) if oldest else 0,
    }


@require_GET
@never_cache
def healthz(request):
    """Public readiness probe for load balancers: database, cache and task queue, 503 when one fails.

    Public, so it says only "ok" or "error" per part and the queue's counts: never an exception text, a host
    name or a setting.
    """
    report, healthy = {}, True
    for name, check in (("database", _database), ("cache", _cache)):
        try:
            check()
            report[name] = "ok"
        except Exception:
            report[name], healthy = "error", False
    try:
        report["queue"] = _queue() if report["database"] == "ok" else "error"
    except Exception:
        report["queue"], healthy = "error", False
    report["status"] = "ok" if healthy else "error"
    return JsonResponse(report, status=200 if healthy else 503)
