"""The page-history actions that put a page on the publishing record.

``wagtail.publish`` is a publication through the procedure (approved, urgent or direct);
an item brought in from the previous website is published under its own action, so the
publishing-request form says "imported" instead of naming an approver, and the annual
report counts it apart. Core, so the evidence app reads it without the importer app.
"""

PUBLISH_ACTION = "wagtail.publish"
IMPORT_PUBLISH_ACTION = "moit_importer.publish"
PUBLICATION_ACTIONS = (PUBLISH_ACTION, IMPORT_PUBLISH_ACTION)
