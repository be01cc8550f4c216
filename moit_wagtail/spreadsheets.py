"""CSV exports that open in Excel with Thai intact: UTF-8 with a byte-order mark.

Excel reads a CSV without a BOM in the machine's legacy code page, so Thai headings and
titles come out as mojibake. Wagtail's ``SpreadsheetExportMixin.write_csv_response``
writes no BOM. Our listings and reports take ``ExcelCsvMixin``; Wagtail's own reports
(site history, locked pages, workflows...) are views we do not subclass, so
``ExcelCsvMiddleware`` adds the BOM to their ``?export=csv`` responses. Both use
``with_bom``, which never adds a second one.
"""

from django.http import FileResponse

BOM = b"\xef\xbb\xbf"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"


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


class ExcelCsvMixin:
    """For a view with Wagtail's ``SpreadsheetExportMixin``: its CSV starts with a BOM."""

    def write_csv_response(self, queryset):
        return with_bom(super().write_csv_response(queryset))


def is_spreadsheet_export(request, response):
    """A ``?export=csv`` answer of a Wagtail listing, not a CSV file someone uploaded."""
    return (
        request.GET.get("export") == "csv"
        and response.get("Content-Type", "").startswith("text/csv")
        and not isinstance(response, FileResponse)
    )


class ExcelCsvMiddleware:
    """Adds the BOM to the CSV exports of Wagtail's own reports (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_spreadsheet_export(request, response):
            with_bom(response)
        return response
