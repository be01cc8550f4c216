"""Security headers read from every response: CSP, Permissions-Policy, document sandbox.

Our own small middleware rather than django-csp: we need three policies chosen by path
(the public site, the Wagtail admin, served documents), and the one inline script of
``base.html`` (contrast before first paint) is allowed by its hash, not a nonce: the page
cache stores whole pages, and a per-request nonce would never match a cached page.

* Public pages: only our own scripts, styles, fonts and images; frames only from
  OpenStreetMap (the contact map, created by ``site.js`` after consent). Signed-in users
  (never served from the page cache) may also have inline styles: Wagtail's user bar
  and its accessibility checker insert ``<style>`` elements.
* ``/admin/``: Wagtail's admin still uses inline scripts and styles, so its policy only
  forbids being framed by other sites, plugins, foreign ``<base>`` and form targets.
* Documents: Wagtail's ``serve_view`` sends ``default-src 'none'`` (no script in an HTML
  or SVG that slipped through); downloads (``attachment``) also get ``sandbox``. Inline
  PDFs do not: Chromium refuses to show a PDF in a sandboxed document.
"""

from functools import cache

from django.conf import settings
from django.db import DatabaseError
from django.urls import NoReverseMatch, reverse

# sha256 of the inline script in site/moit_site/templates/base.html (tests recompute it).
INLINE_SCRIPT_HASHES = ("'sha256-yqUdM6U8u1/bcZTdhhK1X/MGc8sGqouAPEoxj+s2g5Q='",)
MAP_ORIGIN = "https://www.openstreetmap.org"
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
DOCUMENT_VIEW = "wagtaildocs_serve"


def public_policy(signed_in=False):
    extra_scripts = getattr(settings, "MOIT_CSP_SCRIPT_HASHES", ())
    frames = getattr(settings, "MOIT_CSP_FRAME_SRC", (MAP_ORIGIN,))
    images = getattr(settings, "MOIT_CSP_IMG_SRC", ())  # e.g. the S3 bucket's origin
    return {
        "default-src": ("'self'",),
        "script-src": ("'self'", *INLINE_SCRIPT_HASHES, *extra_scripts),
        "style-src": ("'self'", "'unsafe-inline'") if signed_in else ("'self'",),
        "img-src": ("'self'", "data:", *images),
        "font-src": ("'self'",),
        "connect-src": ("'self'",),
        "frame-src": tuple(frames) or ("'none'",),
        "frame-ancestors": ("'self'",),
        "form-action": ("'self'",),
        "base-uri": ("'self'",),
        "object-src": ("'none'",),
    }


ADMIN_POLICY = {
    "frame-ancestors": ("'self'",),
    "form-action": ("'self'",),
    "base-uri": ("'self'",),
    "object-src": ("'none'",),
}


def serialise(policy):
    return "; ".join(" ".join((name, *sources)) for name, sources in policy.items())


@cache
def admin_prefix():
    try:
        return reverse("wagtailadmin_home")
    except NoReverseMatch:
        return "/admin/"


def is_document(request):
    match = getattr(request, "resolver_match", None)
    return bool(match and match.url_name == DOCUMENT_VIEW)


def is_signed_in(request):
    """Whether the visitor is signed in; reading the session needs the database, and while
    it is away (a 503 is on its way) the visitor is treated as anonymous: the stricter policy."""
    try:
        return bool(getattr(getattr(request, "user", None), "is_authenticated", False))
    except DatabaseError:
        return False


class SecurityHeadersMiddleware:
    """Put it just after Django's ``SecurityMiddleware`` so that it sees every response,
    including pages served from the page cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        if is_document(request):
            self.harden_document(response)
        elif settings.DEBUG and response.status_code >= 400:
            pass  # Django's technical error pages use inline styles and scripts
        elif request.path.startswith(admin_prefix()):
            response.setdefault("Content-Security-Policy", serialise(ADMIN_POLICY))
        else:
            signed_in = settings.SESSION_COOKIE_NAME in request.COOKIES and is_signed_in(request)
            response.setdefault("Content-Security-Policy", serialise(public_policy(signed_in)))
        return response

    @staticmethod
    def harden_document(response):
        response.setdefault("X-Content-Type-Options", "nosniff")
        policy = response.get("Content-Security-Policy") or "default-src 'none'"
        disposition = response.get("Content-Disposition", "")
        if not disposition.startswith("inline") and "sandbox" not in policy:
            policy += "; sandbox"
        response["Content-Security-Policy"] = policy
