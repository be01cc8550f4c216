"""Bring an existing unit website in: rows of a spreadsheet and their files become pages.

Optional app (``moit_wagtail.importer``): every imported item goes through the same checks
as the admin (metadata, upload checks) and stays on the record (submitted for approval, or
published as "imported from the previous website" with its original date and who imported
it); old URLs become Wagtail redirects.
"""
