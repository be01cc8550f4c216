"""The page django-axes shows a locked-out admin login (``AXES_LOCKOUT_CALLABLE``).

In Thai, says how long to wait, and is a 429 so that monitoring sees brute force for what
it is. Nothing in it tells an attacker whether the username exists.
"""

from django.conf import settings
from django.template.response import TemplateResponse
from django.urls import reverse

TEMPLATE = "moit_wagtail/security/lockout.html"


def cooloff_minutes():
    return int(getattr(settings, "MOIT_LOGIN_COOLOFF_MINUTES", 15))


def lockout_response(request, original_response=None, credentials=None):
    response = TemplateResponse(
        request,
        TEMPLATE,
        {"minutes": cooloff_minutes(), "login_url": reverse("wagtailadmin_login")},
        status=getattr(settings, "AXES_HTTP_RESPONSE_CODE", 429),
    )
    return response.render()
