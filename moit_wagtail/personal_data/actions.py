"""Audit-log actions of citizens' data requests (labels registered in ``wagtail_hooks``)."""

EXPORT_ACTION = "moit.personal_data.export"
ERASE_ACTION = "moit.personal_data.erase"
