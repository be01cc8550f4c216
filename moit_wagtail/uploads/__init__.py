"""Content checks shared by every upload path (documents, images, citizen attachments).

``checks.check_upload`` is the one entry point; the other modules each know one thing:
magic bytes (``signatures``), ZIP containers (``archives``), active markup (``markup``),
PDF actions (``pdf``) and safe names (``filenames``).
"""
