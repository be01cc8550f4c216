"""Absolute links in emails, on the unit's own host name.

Each unit's staff sign in to the admin on their unit's host (one Wagtail Site per unit);
the session cookie belongs to that host, so a link on any other host (such as
``WAGTAILADMIN_BASE_URL``) asks them to sign in again. Every emailed link is built here
from the site the item belongs to, with ``WAGTAILADMIN_BASE_URL`` only as the fallback
for an item outside every site. People read the link (Thai characters as Thai); mail
programs follow the ``href`` (percent-encoded, host in IDNA).
"""

import contextlib
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.urls import reverse
from django.utils.encoding import iri_to_uri, uri_to_iri
from wagtail.models import Page, Site


def fallback_root():
    return (getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "").rstrip("/")


def site_of(item):
    """The Site of ``item``: a Site, a page (its site), or None."""
    if item is None or isinstance(item, Site):
        return item
    if isinstance(item, Page):
        return item.get_site()
    raise TypeError(f"Expected a Site or a Page, got {type(item).__name__}")


def site_root(item):
    """'https://unit.example.go.th' for the item's site, else WAGTAILADMIN_BASE_URL."""
    site = site_of(item)
    root = site.root_url if site is not None else ""
    return (root or fallback_root()).rstrip("/")


def unit_url(item, path):
    return site_root(item) + path


def unit_admin_url(item, viewname, *args):
    """An admin page (``viewname``, ``args``) on the host of ``item``'s unit."""
    return unit_url(item, reverse(viewname, args=args))


def _host(netloc, encode):
    userinfo, at, hostport = netloc.rpartition("@")
    host, colon, port = hostport.partition(":")
    with contextlib.suppress(UnicodeError):  # not a valid IDN: leave it as it is
        host = host.encode("idna").decode("ascii") if encode else host.encode().decode("idna")
    return f"{userinfo}{at}{host}{colon}{port}"


def link_href(url):
    """The URL as a mail program should follow it: percent-encoded, IDNA host."""
    if not url:
        return ""
    parts = urlsplit(link_text(url))
    return iri_to_uri(urlunsplit(parts._replace(netloc=_host(parts.netloc, encode=True))))


def link_text(url):
    """The URL as a person reads it: Thai characters shown, not percent-encoded."""
    if not url:
        return ""
    parts = urlsplit(uri_to_iri(url))
    return urlunsplit(parts._replace(netloc=_host(parts.netloc, encode=False)))
