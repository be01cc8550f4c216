"""Plain defaults (no Django imports) that a site's settings module may reuse."""

# File types an agency may publish; others are refused (seed 2.2.3: "file format not allowed").
DOCUMENT_EXTENSIONS = [
    "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx",
    "odt", "ods", "odp", "csv", "txt", "zip", "jpg", "jpeg", "png",
]  # fmt: skip
