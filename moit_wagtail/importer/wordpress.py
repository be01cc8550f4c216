"""A WordPress site's export (WXR) read into the importer's rows.

Most Thai unit websites run WordPress; its "Tools > Export" file holds every post and page
with its categories, tags, dates and permalink, and the attachments as items of their own
(the files themselves are in ``wp-content/uploads``, uploaded beside it as a ZIP: nothing is
fetched from the network). Each published post or page becomes one row for ``importing``:

* its type from the admin's rules (a WordPress category or tag, by name or slug, to one of
  our item types), else the default type;
* its body through the editor's own rich-text converter (``richtext``), so no script or
  style from the old site gets in;
* its files: the attachments WordPress recorded under it and the uploads its text links to;
* its permalink as the old URL, its date as the original publication date.

What WordPress does not know (owner unit, person responsible) comes from the import form.
The XML is parsed with defusedxml: entity expansion and external entities are refused.
"""

import datetime
import re
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from defusedxml import ElementTree
from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from .columns import fold
from .reading import Table
from .types import find_type

NS = {
    "wp": "http://wordpress.org/export/1.2/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
}
CONTENT_TYPES = ("post", "page")
MAX_EXPORT_BYTES = 100 * 1024 * 1024
UPLOADS = re.compile(r"/wp-content/uploads/(.+)$")
LINKED_FILE = re.compile(r"""href=["']([^"']+/wp-content/uploads/[^"']+)["']""")
SUMMARY_CHARACTERS = 200


@dataclass
class Post:
    post_id: str
    kind: str  # post, page, attachment
    status: str
    title: str
    link: str
    date: datetime.date | None
    content: str = ""
    excerpt: str = ""
    terms: list = field(default_factory=list)  # (domain, slug, name)
    parent: str = ""
    attachment_url: str = ""


def _text(element, path):
    found = element.find(path, NS)
    return (found.text or "").strip() if found is not None else ""


def _date(text):
    try:
        return datetime.datetime.strptime(text[:10], "%Y-%m-%d").date()
    except ValueError:
        return None  # "0000-00-00" on drafts


def read_export(upload):
    """The posts of a WXR file; ``ValidationError`` in Thai if it is not one."""
    # Not the generic upload checks: an export is XML full of the old site's HTML (scripts
    # included), which those would refuse; defusedxml reads it safely, the HTML is cleaned
    # row by row, and each file still passes the upload checks on import.
    if upload.size is not None and upload.size > MAX_EXPORT_BYTES:
        raise ValidationError(
            _("The export is larger than %(limit)s MB.") % {"limit": MAX_EXPORT_BYTES // 2**20},
            code="wxr_size",
        )
    upload.seek(0)
    try:
        root = ElementTree.parse(upload).getroot()
    except Exception as error:  # defusedxml refusals and malformed XML alike
        raise ValidationError(
            _("The file is not a WordPress export (WXR) that can be read safely."), code="wxr"
        ) from error
    channel = root.find("channel")
    if channel is None or root.tag != "rss":
        raise ValidationError(_("The file is not a WordPress export (WXR)."), code="wxr")
    posts = []
    for item in channel.findall("item"):
        posts.append(
            Post(
                post_id=_text(item, "wp:post_id"),
                kind=_text(item, "wp:post_type"),
                status=_text(item, "wp:status"),
                title=_text(item, "title"),
                link=_text(item, "link"),
                date=_date(_text(item, "wp:post_date")),
                content=_text(item, "content:encoded"),
                excerpt=_text(item, "excerpt:encoded"),
                terms=[
                    (term.get("domain", ""), term.get("nicename", ""), (term.text or "").strip())
                    for term in item.findall("category")
                ],
                parent=_text(item, "wp:post_parent"),
                attachment_url=_text(item, "wp:attachment_url"),
            )
        )
    return posts


@dataclass
class Rules:
    """WordPress category or tag -> our item type, one ``term = type`` per line."""

    mapping: dict  # folded term -> item type text
    default: str = ""

    @classmethod
    def parse(cls, text, default=""):
        mapping = {}
        for number, line in enumerate(str(text or "").splitlines(), start=1):
            if not line.strip() or line.strip().startswith("#"):
                continue
            term, separator, kind = line.partition("=")
            if not separator or not term.strip() or find_type(kind)[0] is None:
                raise ValidationError(
                    _("Line %(number)s of the rules is not “WordPress category = item type”.")
                    % {"number": number},
                    code="rules",
                )
            mapping[fold(term)] = kind.strip()
        return cls(mapping, default.strip())

    def type_of(self, post):
        for _domain, slug, name in post.terms:
            for key in (fold(name), fold(slug)):
                if key in self.mapping:
                    return self.mapping[key]
        return self.default


def upload_key(url):
    """The part of an uploads URL after ``wp-content/uploads/`` (how the ZIP names it)."""
    match = UPLOADS.search(unquote(urlsplit(url).path))
    return match.group(1) if match else ""


def to_table(posts, rules, owner_unit, person):
    """The rows ``importing`` reads, one per published post or page, in export order."""
    files_of = {}
    for post in posts:
        if post.kind == "attachment" and post.parent and post.attachment_url:
            files_of.setdefault(post.parent, []).append(upload_key(post.attachment_url))
    headers = ["type", "title", "summary", "owner_unit", "responsible_person",
               "data_period_start", "published_on", "tags", "files", "old_url", "body"]  # fmt: skip
    table = Table(headers)
    number = 1
    for post in posts:
        if post.kind not in CONTENT_TYPES or post.status != "publish":
            continue
        number += 1
        linked = [upload_key(url) for url in LINKED_FILE.findall(post.content)]
        files = list(dict.fromkeys(key for key in files_of.get(post.post_id, []) + linked if key))
        text = " ".join(strip_tags(post.excerpt or post.content).split())
        day = post.date.strftime("%Y-%m-%d") if post.date else ""
        cells = {
            "type": rules.type_of(post),
            "title": post.title,
            "summary": text[:SUMMARY_CHARACTERS] or post.title,
            "owner_unit": owner_unit,
            "responsible_person": person,
            "data_period_start": day,
            "published_on": day,
            "tags": ", ".join(name for domain, _slug, name in post.terms if domain == "post_tag"),
            "files": "; ".join(files),
            "old_url": post.link,
            "body": post.content or f"<p>{post.title}</p>",
        }
        table.rows.append((number, cells))
    return table
