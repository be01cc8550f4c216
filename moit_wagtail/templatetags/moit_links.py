"""``link_href`` and ``link_text`` filters for emailed links (see ``moit_wagtail.unit_urls``)."""

from django import template

from moit_wagtail import unit_urls

register = template.Library()

register.filter("link_href", unit_urls.link_href)
register.filter("link_text", unit_urls.link_text)
