"""Real files with Thai text, built on the spot: DOCX, PPTX, ODT, ODS by hand with ``zipfile``,
XLSX with openpyxl, PDFs with WeasyPrint (the evidence renderer, so the Thai text layer is the
one the project itself publishes). Used by the attachment-text tests and bench.
"""

import base64
import io
import zipfile
from xml.sax.saxutils import escape

from home.demo.files import xlsx_bytes  # noqa: F401  (re-exported: the demo's own sheets)
from tests.factories import png_bytes

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/></Types>'
)
ODF_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
)
ODF_MIMETYPES = {
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}


def zip_bytes(members, stored=()):
    """A ZIP of ``{name: bytes or str}``; names in ``stored`` are not compressed."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            kind = zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED
            archive.writestr(name, data, compress_type=kind)
    return out.getvalue()


def word_xml(paragraphs, root="document", prolog=""):
    """A WordprocessingML part: one ``<w:p>`` per paragraph, runs split at "|"."""
    body = "".join(
        "<w:p>"
        + "<w:r><w:tab/></w:r>".join(
            f'<w:r><w:t xml:space="preserve">{escape(run)}</w:t></w:r>' for run in text.split("|")
        )
        + "</w:p>"
        for text in paragraphs
    )
    inner = f"<w:body>{body}</w:body>" if root == "document" else body
    declaration = '<?xml version="1.0" encoding="UTF-8"?>'
    return f'{declaration}{prolog}<w:{root} xmlns:w="{W_NS}">{inner}</w:{root}>'


def docx_bytes(paragraphs, header=None, footer=None, document_xml=None):
    members = {
        "[Content_Types].xml": CONTENT_TYPES,
        "word/document.xml": document_xml or word_xml(paragraphs),
    }
    if header:
        members["word/header1.xml"] = word_xml([header], root="hdr")
    if footer:
        members["word/footer1.xml"] = word_xml([footer], root="ftr")
    return zip_bytes(members)


def pptx_bytes(slides):
    a = "http://schemas.openxmlformats.org/drawingml/2006/main"
    members = {"[Content_Types].xml": CONTENT_TYPES, "ppt/presentation.xml": "<p/>"}
    for number, text in enumerate(slides, start=1):
        members[f"ppt/slides/slide{number}.xml"] = (
            f'<p:sld xmlns:p="urn:p" xmlns:a="{a}"><a:p><a:r><a:t>{escape(text)}</a:t></a:r>'
            "</a:p></p:sld>"
        )
    return zip_bytes(members)


def odf_bytes(kind, body):
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODF_NS}>'
        f"<office:body>{body}</office:body></office:document-content>"
    )
    return zip_bytes({"mimetype": ODF_MIMETYPES[kind], "content.xml": content}, stored={"mimetype"})


def odt_bytes(heading, paragraphs):
    """``paragraphs`` may hold ``<text:s/>`` and spans (already XML)."""
    body = f"<text:h>{escape(heading)}</text:h>" + "".join(
        f"<text:p>{paragraph}</text:p>" for paragraph in paragraphs
    )
    return odf_bytes("odt", f"<office:text>{body}</office:text>")


def ods_bytes(sheets):
    """``{sheet name: [[cell, ...], ...]}``."""
    tables = "".join(
        f'<table:table table:name="{escape(name)}">'
        + "".join(
            "<table:table-row>"
            + "".join(
                f"<table:table-cell><text:p>{escape(str(cell))}</text:p></table:table-cell>"
                for cell in row
            )
            + "</table:table-row>"
            for row in rows
        )
        + "</table:table>"
        for name, rows in sheets.items()
    )
    return odf_bytes("ods", f"<office:spreadsheet>{tables}</office:spreadsheet>")


def thai_pdf(pages):
    """A PDF of one A4 page per string in ``pages``, set in Sarabun by WeasyPrint."""
    from moit_wagtail.evidence.pdf import render_pdf

    html = "".join(
        f'<section style="break-after: page"><p>{escape(text)}</p></section>' for text in pages
    )
    return render_pdf(html)


def image_only_pdf():
    """A scan: a page with a picture and no text layer."""
    from moit_wagtail.evidence.pdf import render_pdf

    png = base64.b64encode(png_bytes((300, 400), "teal")).decode()
    return render_pdf(f'<img src="data:image/png;base64,{png}" style="width: 15cm">')
