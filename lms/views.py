from django.http import HttpResponse
from django.views.decorators.http import require_GET


@require_GET
def healthz(request):
    """Public liveness probe for the process manager: no data, no session."""
    return HttpResponse("ok", content_type="text/plain")
