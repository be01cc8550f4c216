"""Who a visitor is, as far as rate limits and visitor counts need to know.

One rule for every app: ``REMOTE_ADDR``, or behind a trusted proxy the header named in
``MOIT_CLIENT_IP_HEADER`` (e.g. ``HTTP_X_FORWARDED_FOR``). Of a forwarded list only the
last entry is taken: the one our proxy appended, which a client cannot forge.
"""

from django.conf import settings


def client_address(request):
    header = getattr(settings, "MOIT_CLIENT_IP_HEADER", "")
    value = request.META.get(header, "") if header else ""
    value = value.split(",")[-1].strip() if value else ""
    return value or request.META.get("REMOTE_ADDR", "")
