"""Public views: the confirmation after a submission, and the tracking page.

The tracking page is reached with code and secret, no account. An unknown code and a
wrong secret get the very same answer, lookups are rate-limited per client, and the
page is private: never cached, never indexed, and no Referer leaks its secret URL.
A code or secret that no submission can hold (a NUL byte, which PostgreSQL refuses in
text, or more characters than the column) gets the same "nothing matches" answer without
reaching the database.
"""

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET
from wagtail.models import Page, Site

from . import ratelimit
from .codes import find_submission
from .models import Submission
from .submit import RECEIPT_SESSION_KEY


def _private(response):
    add_never_cache_headers(response)
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_GET
def received(request):
    receipt = request.session.pop(RECEIPT_SESSION_KEY, None)
    context = {"receipt": receipt}
    if receipt:
        path = reverse("moit_eservices:track_detail", args=[receipt["code"], receipt["secret"]])
        context["tracking_url"] = request.build_absolute_uri(path)
        context["form_page"] = Page.objects.filter(pk=receipt.get("page")).first()
    response = render(request, "moit_eservices/received.html", context)
    if request.user.is_anonymous and not request.session.keys():
        # Nothing else in the session: drop it so the visitor gets cached pages again.
        request.session.flush()
    return _private(response)


def _storable(value, field):
    value = value.strip()
    return "\x00" not in value and len(value) <= Submission._meta.get_field(field).max_length


def _lookup(request, code, secret):
    """(submission or None, status): rate limit first, then the constant-time check."""
    if ratelimit.hit("track", request):
        return None, 429
    if not (_storable(code, "code") and _storable(secret, "secret")):
        return None, 404
    submission = find_submission(Site.find_for_request(request), code, secret)
    return submission, 200 if submission else 404


@require_GET
def track(request):
    code = request.GET.get("code", "").strip()
    secret = request.GET.get("secret", "").strip()
    context = {"code": code, "secret": secret, "searched": bool(code or secret)}
    status = 200
    if code and secret:
        submission, status = _lookup(request, code, secret)
        if submission:
            return redirect("moit_eservices:track_detail", submission.code, secret)
    elif context["searched"]:
        context["missing"] = "code" if not code else "secret"
        status = 400
    context["status"] = status
    return _private(render(request, "moit_eservices/track.html", context, status=status))


@require_GET
def track_detail(request, code, secret):
    submission, status = _lookup(request, code, secret)
    if submission is None:
        context = {"code": code, "secret": "", "searched": True, "status": status}
        return _private(render(request, "moit_eservices/track.html", context, status=status))
    context = {"submission": submission, "replies": submission.public_replies()}
    return _private(render(request, "moit_eservices/track_detail.html", context))
