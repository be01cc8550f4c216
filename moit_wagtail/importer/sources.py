"""What an import reads, whatever it came from: a sheet, or a WordPress export with the
options the form gave; the same functions for the preview and the import."""

from .bundle import read_zip
from .reading import read_table
from .wordpress import Rules, read_export, to_table

SHEET, WORDPRESS = "sheet", "wordpress"


def read_rows(source, upload, options=None):
    """The Table of a sheet or of a WordPress export; ``ValidationError`` in Thai."""
    if source != WORDPRESS:
        return read_table(upload)
    options = options or {}
    rules = Rules.parse(options.get("rules", ""), options.get("default_type", ""))
    return to_table(
        read_export(upload), rules, options.get("owner_unit", ""), options.get("person", "")
    )


def read_files(source, bundle):
    """{file name: bytes} of the ZIP (a WordPress uploads folder keeps its paths)."""
    if not bundle:
        return {}
    return read_zip(bundle, keep_paths=source == WORDPRESS)
