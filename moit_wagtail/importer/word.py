"""A Word (.docx) upload made into Wagtail rich text for a page body (a ``RichTextField``).

wagtail-content-import 0.13 was evaluated and not used: its ``DocxParser`` reads only
``document.paragraphs`` (tables skipped, no lists, no images) and maps them to StreamField
blocks, while our page bodies are RichTextFields. So python-docx is used directly, walking
the body in order: headings by style, bold, italic, line breaks, http(s) and mailto links,
lists (ordered or not as the numbering part says, nested by level), tables as a list of
"header: value" rows (rich text has no tables), and the pictures Wagtail can take, kept
apart for ``save_image`` (EMF, WMF, TIFF and broken pictures are counted and left out).
The HTML then goes through ``richtext.clean_html``, the editor's own converter, so nothing
the field's features do not allow reaches the page.
"""

import re
import zipfile
from dataclasses import dataclass, field
from io import BytesIO
from itertools import groupby, zip_longest
from urllib.parse import urlsplit

import docx
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from docx.exceptions import PythonDocxError
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import nsmap, qn
from docx.table import Table
from docx.text.hyperlink import Hyperlink
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree
from PIL import Image
from wagtail.rich_text import features as feature_registry

from moit_wagtail.uploads.checks import check_upload
from moit_wagtail.uploads.filenames import safe_filename

from .richtext import clean_html

MAX_WORD_BYTES = 20 * 1024 * 1024  # the site's document limit (nginx takes a little more)
# What python-docx raises for a ZIP that is not Word, or for Word XML in the wrong shape.
READ_ERRORS = (KeyError, ValueError, zipfile.BadZipFile, etree.LxmlError, PackageNotFoundError)
READ_ERRORS += (PythonDocxError, AttributeError, TypeError)
IMAGE_TYPES = {"image/png", "image/jpeg", "image/gif", "image/webp"}
IMAGE_FORMATS = {"PNG": "png", "JPEG": "jpg", "GIF": "gif", "WEBP": "webp"}
LINK_SCHEMES = {"http", "https", "mailto"}
# Style name or id without spaces, lower case -> level; 1 is Title, shown as h2.
HEADINGS = {"title": 1, "heading1": 2, "heading2": 3, "subtitle": 3}
HEADINGS |= {f"heading{n}": 4 for n in range(3, 10)}
VML = "{urn:schemas-microsoft-com:vml}"
# Elements that only wrap content: content controls, tracked insertions, smart tags, fields.
WRAPPERS = {qn(f"w:{tag}") for tag in ("sdt", "sdtContent", "customXml", "ins", "moveTo")}
WRAPPERS |= {qn("w:smartTag"), qn("w:fldSimple")}
PICTURES = {qn("w:drawing"), qn("w:pict"), qn("w:object")}
PICTURES.add("{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent")
# w:num -> its w:abstractNum's (or its own override's) w:lvl -> w:numFmt/@w:val
NUMBER_FORMAT = etree.XPath(
    "w:abstractNum[@w:abstractNumId = ../w:num[@w:numId = $num]/w:abstractNumId/@w:val]"
    "/w:lvl[@w:ilvl = $lvl]/w:numFmt/@w:val"
    " | w:num[@w:numId = $num]/w:lvlOverride/w:lvl[@w:ilvl = $lvl]/w:numFmt/@w:val",
    namespaces={"w": nsmap["w"]},
)
EDGES = re.compile(r"^(?:\s|<br/>)+|(?:\s|<br/>)+$")
DAMAGED = _(
    "“%(name)s” could not be read as a Word document. Open it in Word and save it again as .docx."
)


@dataclass
class WordImage:
    key: str  # the relationship id in the document part
    data: bytes
    filename: str
    alt: str


@dataclass
class WordDocument:
    title: str
    # ("h2" | "h3" | "h4" | "p", html), ("list", tag, [(level, tag, html)]),
    # ("table", [text per row]) or ("image", key)
    blocks: list
    images: dict = field(default_factory=dict)
    counts: dict = field(default_factory=dict)


def read_word(upload):
    """``upload`` read into a ``WordDocument``; ``ValidationError`` if it is not a sound .docx."""
    check_upload(upload, ["docx"], MAX_WORD_BYTES)
    name = safe_filename(upload.name or "")
    try:
        document = docx.Document(upload)
        reader = _Reader(document, name.rsplit(".", 1)[0])
        blocks = reader.read()
        core_title = " ".join((document.core_properties.title or "").split())
    except READ_ERRORS as error:
        raise ValidationError(DAMAGED, code="damaged", params={"name": name}) from error
    finally:
        upload.seek(0)
    if reader.leading_title is not None and core_title in ("", reader.leading_title):
        blocks.pop(0)  # the opening Title paragraph is the page's title
    kinds = [block[0] for block in blocks]
    counts = {"headings": sum(kind in ("h2", "h3", "h4") for kind in kinds)}
    counts |= {"paragraphs": kinds.count("p"), "lists": kinds.count("list")}
    counts |= {"tables": kinds.count("table"), "images": len(reader.images)}
    counts["skipped_images"] = len(reader.skipped)
    return WordDocument(core_title or reader.first_heading or "", blocks, reader.images, counts)


def to_rich_text(document, save_image, features=None):
    """The document as rich-text HTML; ``save_image(WordImage)`` returns an image id or None."""
    allowed = set(features or feature_registry.get_default_features())
    ids, html, previous = {}, [], None
    for kind, *content in document.blocks:
        tag = None
        if kind == "image":
            key = content[0]
            if "image" in allowed and key not in ids:
                ids[key] = save_image(document.images[key])  # once per distinct picture
            if ids.get(key) is not None:
                image_id, alt = escape(str(ids[key])), escape(document.images[key].alt)
                html.append(f'<embed embedtype="image" id="{image_id}" format="fullwidth" ')
                html.append(f'alt="{alt}"/>')
        elif kind in ("list", "table"):
            items = content[1] if kind == "list" else [(0, "ul", escape(t)) for t in content[0]]
            if {item[1] for item in items} <= allowed:
                tag = items[0][1]
                if tag == previous:  # Draftail would join two adjacent lists into one
                    html.append("<p></p>")
                html.append(_list_html(items))
            else:  # a Draftail list outside the field's features breaks its converter
                html.extend(f"<p>{item_html}</p>" for _level, _tag, item_html in items)
        else:
            kind = kind if kind in allowed else "p"
            html.append(f"<{kind}>{content[0]}</{kind}>")
        previous = tag
    return clean_html("".join(html), features)


def _list_html(items):
    """(level, tag, html) items as nested lists; a level goes at most one deeper."""
    out, open_tags = [], []
    for level, tag, html in items:
        level = min(level, len(open_tags))
        while len(open_tags) > level + 1 or (open_tags[level:] and open_tags[-1] != tag):
            out.append(f"</li></{open_tags.pop()}>")
        if len(open_tags) == level + 1:
            out.append("</li>")
        else:
            out.append(f"<{tag}>")
            open_tags.append(tag)
        out.append(f"<li>{html}")
    out.extend(f"</li></{tag}>" for tag in reversed(open_tags))
    return "".join(out)


class _Reader:
    def __init__(self, document, stem):
        self.document, self.stem = document, stem
        self.blocks, self.images, self.skipped = [], {}, set()
        self.leading_title = self.first_heading = None
        self.paragraph_styles, self.run_styles = {}, {}
        try:
            self.numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError):  # no numbering part
            self.numbering = None

    def read(self):
        for element in _children(self.document.element.body, {qn("w:p"), qn("w:tbl")}):
            if element.tag == qn("w:tbl"):
                self._table(Table(element, self.document))
            else:
                self._paragraph(Paragraph(element, self.document))
        return self.blocks

    def _paragraph_style(self, paragraph):
        """(styles, heading level, their elements), looked up once per style: python-docx
        searches the styles part on every ``paragraph.style``."""
        style_id = paragraph._p.style
        if style_id not in self.paragraph_styles:
            styles = list(_style_chain(paragraph.style))
            level = next(filter(None, map(_heading_level, styles)), None)
            self.paragraph_styles[style_id] = (styles, level, [s.element for s in styles])
        return self.paragraph_styles[style_id]

    def _flag(self, run, name):
        """Bold or italic, set on the run or by its character style (e.g. "Strong")."""
        value = getattr(run.font, name)
        if value is None:
            style_id = run._r.style
            if style_id not in self.run_styles:
                style = run.style
                self.run_styles[style_id] = (
                    None if style is None else (style.font.bold, style.font.italic)
                )
            inherited = self.run_styles[style_id]
            value = inherited and inherited[0 if name == "bold" else 1]
        return bool(value)

    def _paragraph(self, paragraph):
        styles, level, elements = self._paragraph_style(paragraph)
        numbering = None if level else _numbering([paragraph._p, *elements])
        pieces = []
        for item in self._inline(paragraph, paragraph._p, None):
            if isinstance(item, tuple):
                pieces.append(item)
            else:  # a picture stands on its own between the text before and after it
                self._text_block(styles, level, numbering, pieces)
                self.blocks.append(("image", item))
                pieces = []
        self._text_block(styles, level, numbering, pieces)

    def _text_block(self, styles, level, numbering, pieces):
        text = " ".join("".join(piece[0] for piece in pieces).split())
        if not text:
            return
        html = EDGES.sub("", _inline_html(pieces))
        if level in (1, 2) and self.first_heading is None:
            self.first_heading = text
        if level == 1 and not self.blocks:
            self.leading_title = text
        if level:
            self.blocks.append((f"h{max(level, 2)}", html))
        elif numbering:
            depth, tag = self._list_item(styles, *numbering)
            last = self.blocks[-1] if self.blocks else ("",)
            if last[0] == "list" and (depth or tag == last[1]):
                last[2].append((depth, tag, html))
            else:
                self.blocks.append(("list", tag, [(depth, tag, html)]))
        else:
            self.blocks.append(("p", html))

    def _list_item(self, styles, num_id, level):
        style = (styles[0].name or "").lower() if styles else ""
        found = self.numbering is not None and NUMBER_FORMAT(self.numbering, num=num_id, lvl=level)
        number_format = found[-1] if found else None  # a num's own override comes last
        if number_format is None:
            number_format = "decimal" if "list number" in style else "bullet"
        if level == 0 and (match := re.search(r"list (?:bullet|number) ([2-9])$", style)):
            level = int(match[1]) - 1  # "List Bullet 2": the level is in the style's name
        return level, "ul" if number_format == "bullet" else "ol"

    def _inline(self, paragraph, element, href):
        """(text, bold, italic, href) pieces and kept pictures' keys, in order."""
        for child in element:
            if child.tag == qn("w:r"):
                yield from self._run(Run(child, paragraph), href)
            elif child.tag == qn("w:hyperlink"):
                yield from self._inline(paragraph, child, _safe_url(Hyperlink(child, paragraph)))
            elif child.tag in WRAPPERS:
                yield from self._inline(paragraph, child, href)

    def _run(self, run, href):
        bold, italic = self._flag(run, "bold"), self._flag(run, "italic")
        for child in run._r:
            if child.tag == qn("w:t"):
                yield (child.text or "", bold, italic, href)
            elif child.tag in (qn("w:br"), qn("w:cr")):  # not page or column breaks
                if child.get(qn("w:type")) in (None, "textWrapping"):
                    yield ("\n", bold, italic, href)
            elif child.tag == qn("w:tab"):
                yield (" ", bold, italic, href)
            elif child.tag in PICTURES:
                yield from self._pictures(child)

    def _pictures(self, element):
        found = [(blip.get(qn("r:embed")), _alt(blip)) for blip in element.iter(qn("a:blip"))]
        if not found:  # an old VML picture
            found = [
                (data.get(qn("r:id")), (data.getparent().get("alt") or "").strip())
                for data in element.iter(f"{VML}imagedata")
            ]
        for key, alt in found:
            if key and key not in self.skipped and (key in self.images or self._keep(key, alt)):
                yield key

    def _keep(self, key, alt):
        part = self.document.part.related_parts.get(key)
        data = getattr(part, "blob", None)
        extension = data and getattr(part, "content_type", "") in IMAGE_TYPES and _image_ok(data)
        if not extension:
            self.skipped.add(key)
            return False
        filename = f"{self.stem}-{len(self.images) + 1}.{extension}"
        self.images[key] = WordImage(key, data, filename, alt)
        return True

    def _table(self, table):
        rows = []
        for row in table.rows:
            cells = [cell._tc for cell in row.cells]  # a merged cell once per grid column
            cells = [tc for i, tc in enumerate(cells) if i == 0 or tc is not cells[i - 1]]
            rows.append([_plain_text(tc) for tc in cells])
        header, texts = (rows or [[]])[0], []
        for row in rows[1:]:
            if any(header):
                pairs = zip_longest(header, row, fillvalue="")
                texts.append("; ".join(f"{h}: {v}" if h else v for h, v in pairs if v))
            else:
                texts.append(" | ".join(filter(None, row)))
        # A single row, or a header over empty rows: one item with the cells' texts.
        texts = list(filter(None, texts)) or [" | ".join(filter(None, header))]
        if texts[0]:
            self.blocks.append(("table", texts))
        self.blocks.extend(("image", key) for key in self._pictures(table._tbl))


def _children(element, wanted):
    for child in element:
        if child.tag in wanted:
            yield child
        elif child.tag in WRAPPERS:
            yield from _children(child, wanted)


def _style_chain(style):
    """The style and the styles it is based on (Word files may loop; ten is plenty)."""
    for _depth in range(10):
        if style is None:
            return
        yield style
        style = style.base_style


def _heading_level(style):
    labels = (re.sub(r"\s+", "", label or "").lower() for label in (style.name, style.style_id))
    return next((HEADINGS[label] for label in labels if label in HEADINGS), None)


def _numbering(elements):
    """(numId, level) when the paragraph, or a style it has, puts it in a list."""
    num_id = level = None
    for element in elements:
        num_pr = element.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        if num_pr is not None:
            num_id = num_id or _val(num_pr, "w:numId")
            level = level if level is not None else _val(num_pr, "w:ilvl")
    if num_id in (None, "0"):  # numId 0 is Word's "no numbering"
        return None
    return num_id, int(level) if (level or "").isdigit() else 0


def _val(parent, tag):
    child = parent.find(qn(tag))
    return child.get(qn("w:val")) if child is not None else None


def _safe_url(hyperlink):
    try:
        url = hyperlink.url.strip()
        scheme = urlsplit(url).scheme.lower()
    except (KeyError, ValueError):  # a missing relationship, an unparsable address
        return None
    return url if scheme in LINK_SCHEMES else None


def _alt(blip):
    for anchor in blip.iterancestors(qn("wp:inline"), qn("wp:anchor")):
        if (doc_pr := anchor.find(qn("wp:docPr"))) is not None:
            return (doc_pr.get("descr") or doc_pr.get("title") or "").strip()
    return ""


def _image_ok(data):
    """The extension Pillow proves ``data`` to have, or None if Wagtail would refuse it."""
    if len(data) > getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", 10 * 1024 * 1024):
        return None
    try:
        with Image.open(BytesIO(data)) as image:
            width, height = image.size
            extension = IMAGE_FORMATS.get(image.format)
            image.verify()
    except Exception:  # Pillow raises many kinds of error for a broken picture
        return None
    if width * height > getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", 128_000_000):
        return None
    return extension


def _inline_html(pieces):
    html = []
    for href, group in groupby(pieces, key=lambda piece: piece[3]):
        inner = ""
        for text, bold, italic, _href in group:
            styled = escape(text).replace("\n", "<br/>")
            styled = f"<i>{styled}</i>" if italic and text.strip() else styled
            inner += f"<b>{styled}</b>" if bold and text.strip() else styled
        html.append(f'<a href="{escape(href)}">{inner}</a>' if href else inner)
    return "".join(html)


def _plain_text(element):
    paragraphs = ("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in element.iter(qn("w:p")))
    return " ".join(" ".join(paragraphs).split())
