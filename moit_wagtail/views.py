from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@never_cache
@require_GET
def healthz(request):
    """Liveness probe for a load balancer; touches neither the database nor templates."""
    return HttpResponse("ok", content_type="text/plain")
