"""Text of Office Open XML (DOCX, PPTX, XLSX) and OpenDocument (ODT, ODS, ODP) files.

All of them are ZIP containers of XML. The container is first judged from its central
directory by the upload checks (``uploads.archives.inspect``: zip bombs, overlapping members,
encryption, macros, a container of the wrong kind); then the members read here must declare
no more than ``MOIT_FILE_TEXT_MAX_UNPACKED_MB`` together, and ``zipfile`` never unpacks more
than a member declares, so what is inflated stays bounded whatever the file claims.
XML goes through defusedxml with DTDs refused (neither format has one), so no entity, internal
or external (XXE), is ever expanded; openpyxl uses defusedxml too when it is installed.
Paragraphs are read one at a time as the parser streams, and reading stops at the caps.
"""

import re
import zipfile

import defusedxml.ElementTree as SafeET

from moit_wagtail.uploads import archives

from .file_text import Collector, TooLarge

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
SIZE_PROBLEMS = {"zip_bomb", "zip_ratio", "archive_members"}
DOCX_PARTS = re.compile(r"word/(header\d*|footer\d*|footnotes|endnotes)\.xml")
PPTX_SLIDE = re.compile(r"ppt/slides/slide(\d+)\.xml")


def open_container(stream, kind, bounds, members=None):
    """The ``ZipFile`` of ``stream`` once the upload checks pass for ``kind``.

    ``members`` (names, or a predicate on a name) are the parts to be read: together they
    must declare no more than the unpacked cap.
    """
    try:
        archives.inspect(stream, kind)
    except archives.ArchiveProblem as problem:
        if problem.code in SIZE_PROBLEMS:
            raise TooLarge from problem
        raise ValueError(f"refused container: {problem.code}") from problem
    archive = zipfile.ZipFile(stream)
    wanted = members if callable(members) else (lambda name: name in (members or ()))
    if (
        sum(info.file_size for info in archive.infolist() if wanted(info.filename))
        > bounds["unpacked"]
    ):
        archive.close()
        raise TooLarge
    return archive


def _paragraphs(handle, paragraph_tags, read_paragraph, on_start=None):
    """Each paragraph's text as the parser reaches its end, then the paragraph is dropped."""
    events = ("start", "end") if on_start else ("end",)
    for event, element in SafeET.iterparse(handle, events=events, forbid_dtd=True):
        if event == "start":
            if (found := on_start(element)) is not None:
                yield found
        elif element.tag in paragraph_tags:
            yield read_paragraph(element)
            element.clear()


def _collect(archive, names, paragraph_tags, read_paragraph, collector, on_start=None):
    for name in names:
        with archive.open(name) as handle:
            for text in _paragraphs(handle, paragraph_tags, read_paragraph, on_start):
                if not collector.add(text):
                    return


# -- Office Open XML -------------------------------------------------------------------


def _ooxml_paragraph(text_tag, tab_tag, break_tags):
    def read(paragraph):
        parts = []
        for node in paragraph.iter():
            if node.tag == text_tag:
                parts.append(node.text or "")
            elif node.tag == tab_tag:
                parts.append("\t")
            elif node.tag in break_tags:
                parts.append("\n")
        return "".join(parts)

    return read


def read_docx(stream, bounds):
    """The body, then headers, footers, footnotes and endnotes, one line per paragraph."""

    def wanted(name):
        return name == "word/document.xml" or bool(DOCX_PARTS.fullmatch(name))

    collector = Collector(bounds)
    with open_container(stream, "docx", bounds, wanted) as archive:
        others = sorted(name for name in archive.namelist() if DOCX_PARTS.fullmatch(name))
        read = _ooxml_paragraph(f"{W}t", f"{W}tab", {f"{W}br", f"{W}cr"})
        _collect(archive, ["word/document.xml", *others], {f"{W}p"}, read, collector)
    return collector.result()


def read_pptx(stream, bounds):
    """Every slide's text, in slide order."""

    def slide_number(name):
        return int(PPTX_SLIDE.fullmatch(name).group(1))

    collector = Collector(bounds)
    with open_container(stream, "pptx", bounds, PPTX_SLIDE.fullmatch) as archive:
        slides = sorted(
            (name for name in archive.namelist() if PPTX_SLIDE.fullmatch(name)), key=slide_number
        )
        read = _ooxml_paragraph(f"{A}t", f"{A}tab", {f"{A}br"})
        _collect(archive, slides, {f"{A}p"}, read, collector)
    return collector.result()


def read_xlsx(stream, bounds):
    """Sheet names, then each row's cell values (formulas' last computed values)."""
    from openpyxl import load_workbook

    def wanted(name):
        return name.endswith((".xml", ".rels"))  # read-only openpyxl never opens the media

    collector = Collector(bounds)
    with open_container(stream, "xlsx", bounds, wanted):
        pass  # judged and measured; openpyxl opens the file itself
    stream.seek(0)
    workbook = load_workbook(stream, read_only=True, data_only=True, keep_links=False)
    try:
        for sheet in workbook.worksheets:
            if not collector.add(sheet.title):
                break
            # Forget the declared dimensions: a sheet declaring A1:XFD1048576 would
            # otherwise be padded to a million rows of 16,384 empty cells.
            sheet.reset_dimensions()
            for row in sheet.iter_rows(values_only=True):
                cells = [str(value) for value in row if value is not None and value != ""]
                if not collector.add(" ".join(cells)):
                    break
            if collector.full:
                break
    finally:
        workbook.close()
    return collector.result()


# -- OpenDocument ----------------------------------------------------------------------


def _odf_text(element, parts):
    """Text and tails in order: ``<text:s text:c="3"/>`` is three spaces, tabs and line
    breaks are themselves; a repeated cell counts once (a sheet may repeat one 16,384 times)."""
    if element.text:
        parts.append(element.text)
    for child in element:
        if child.tag == f"{TEXT}s":
            parts.append(" ")
        elif child.tag == f"{TEXT}tab":
            parts.append("\t")
        elif child.tag == f"{TEXT}line-break":
            parts.append("\n")
        else:
            _odf_text(child, parts)
        if child.tail:
            parts.append(child.tail)
    return parts


def _odf_paragraph(paragraph):
    return "".join(_odf_text(paragraph, []))


def _sheet_name(element):
    if element.tag == f"{TABLE}table":
        return element.get(f"{TABLE}name") or None
    return None


def read_opendocument(stream, bounds, kind):
    """``content.xml``: every paragraph and heading (in a sheet, each cell's), sheet names.

    ``kind`` (odt, ods, odp) comes from the file's name; ``inspect`` checks that the
    container's ``mimetype`` says the same.
    """
    collector = Collector(bounds)
    with open_container(stream, kind, bounds, ["content.xml"]) as archive:
        _collect(
            archive,
            ["content.xml"],
            {f"{TEXT}p", f"{TEXT}h"},
            _odf_paragraph,
            collector,
            on_start=_sheet_name,
        )
    return collector.result()
