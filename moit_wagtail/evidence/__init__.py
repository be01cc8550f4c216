"""Printable evidence documents (the publishing-request form, annual reports) as PDF.

Use ``moit_wagtail.evidence.pdf.render_pdf`` / ``render_template_pdf``. This package imports
nothing itself, so that loading it (e.g. as a Django app) never loads WeasyPrint and its system
libraries (Pango, HarfBuzz): only code that actually prints does.
"""
