"""English left on a Wagtail admin screen: the visible texts that are Wagtail msgids without Thai.

A text counts when, after whitespace normalisation, it equals a msgid of the installed
Wagtail's English catalogues (``locale/en/LC_MESSAGES/django.po``, every msgid of the release;
a msgid with placeholders matches any filling) and the active Thai catalogue has no entry
for that msgid, i.e. gettext returns it unchanged. Matching msgids only leaves names, codes,
numbers and our Thai content out by itself. Scripts, styles and ``<template>`` content are
skipped: what JavaScript renders is the browser tests' business.
"""

import json
import re
from functools import cache
from html.parser import HTMLParser

from django.utils.translation import trans_real

from moit_wagtail.wagtail_th.missing import english_catalogues
from moit_wagtail.wagtail_th.pofile import messages

ATTRIBUTES = {"title", "aria-label", "placeholder", "alt"}
BUTTON_INPUTS = {"submit", "button", "reset"}
SKIPPED = {"script", "style", "template", "textarea"}
_FIELD = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}")
_SPACE = re.compile(r"\s+")
_LETTERS = re.compile(r"[A-Za-z]")


def normalise(text):
    return _SPACE.sub(" ", text).strip()


class _VisibleText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts = []
        self.skipping = 0  # depth inside script, style, template, textarea

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED:
            self.skipping += 1
        if self.skipping:
            return
        attrs = dict(attrs)
        for name in sorted(ATTRIBUTES & attrs.keys()):
            self.texts.append(attrs[name] or "")
        if tag == "input" and (attrs.get("type") or "").lower() in BUTTON_INPUTS:
            self.texts.append(attrs.get("value") or "")

    def handle_endtag(self, tag):
        if tag in SKIPPED and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self.texts.append(data)


def visible_texts(html):
    """Normalised visible texts of a page, in document order, empty ones left out."""
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    return [text for text in map(normalise, parser.texts) if text]


def _catalogue_key(context, msgid, plural):
    key = msgid if context is None else f"{context}\x04{msgid}"
    return (key, 0) if plural else key


@cache
def wagtail_msgids():
    """``(exact, patterns)``: visible form of each English msgid -> its catalogue keys."""
    exact, patterns = {}, {}
    for (_app, domain), path in english_catalogues().items():
        if domain != "django":
            continue
        for (context, msgid), entry in messages(path).items():
            key = _catalogue_key(context, msgid, entry.msgid_plural is not None)
            for form in filter(None, (msgid, entry.msgid_plural)):
                if "<" in form:  # split across elements: never one text node
                    continue
                visible = normalise(form)
                literal = _FIELD.sub("", visible)
                if not _FIELD.search(visible):
                    exact.setdefault(visible, set()).add(key)
                elif len(_LETTERS.findall(literal)) >= 4:
                    parts = _FIELD.split(visible)
                    regex = ".+?".join(re.escape(part) for part in parts)
                    patterns.setdefault(regex, set()).add(key)
    compiled = [(re.compile(rf"^{regex}$"), keys) for regex, keys in patterns.items()]
    return exact, compiled


def _has_thai(catalogue, key):
    missing = object()
    return catalogue.get(key, missing) is not missing


def english_strings(html, language="th"):
    """Visible texts of ``html`` that are Wagtail msgids the active ``language`` lacks."""
    catalogue = trans_real.translation(language)._catalog
    exact, patterns = wagtail_msgids()
    found = []
    for text in visible_texts(html):
        if not _LETTERS.search(text):  # Thai, numbers, punctuation: no English msgid
            continue
        keys = set(exact.get(text, ()))
        for regex, pattern_keys in patterns:
            if regex.match(text):
                keys |= pattern_keys
        if any(not _has_thai(catalogue, key) for key in keys):
            found.append(text)
    return found


def screen_html(response):
    """The HTML of a response: modal views answer JSON with the HTML in ``html``."""
    body = response.content.decode()
    if response.get("Content-Type", "").startswith("application/json"):
        return json.loads(body).get("html") or ""
    return body
