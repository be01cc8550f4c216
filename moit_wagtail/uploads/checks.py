"""One entry point for every upload path: ``check_upload(file, allowed_extensions, max_bytes)``.

Cheap checks first and nothing read whole: the extension, the size the upload handler
already knows, the first bytes (programs, then the type's signature), and then per type
the ZIP central directory, a chunked scan of PDFs for actions, or of text for script.
Every refusal is a ``ValidationError`` with a Thai message that names the file and says
what to do instead; the upload is left at position 0 for whoever saves it.
"""

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from . import archives, markup, pdf, signatures
from .filenames import extension_of, safe_filename

HEAD_BYTES = 8192

MESSAGES = {
    "file_type": _("“%(name)s” is not an allowed file type. Allowed types: %(allowed)s."),
    "file_size": _("“%(name)s” is %(size)s; files may be at most %(limit)s."),
    "file_empty": _("“%(name)s” is empty. Choose the file again."),
    "file_content": _(
        "“%(name)s” does not contain what its name says (.%(ext)s). Save it again as %(allowed)s."
    ),
    "program": _(
        "“%(name)s” is a program (%(kind)s), not a document: programs cannot be uploaded."
    ),
    "script": _(
        "“%(name)s” contains web page code (script) that could run in a visitor's browser. "
        "Save it as PDF, or as plain text without code."
    ),
    "pdf_actions": _(
        "“%(name)s” is a PDF with JavaScript or an action that starts a program. "
        "Print it to a new PDF (“Save as PDF”) and upload that file."
    ),
    "damaged": _(
        "“%(name)s” is damaged or is not a real .%(ext)s file. Open it and save it again."
    ),
    "zip_bomb": _(
        "“%(name)s” would unpack to %(unpacked)s, more than the %(limit)s allowed "
        "(it may be a “zip bomb”). Upload the files separately."
    ),
    "zip_ratio": _(
        "“%(name)s” is compressed %(ratio)s times, more than the %(limit)s times an "
        "ordinary document is (it may be a “zip bomb”). Upload the files separately."
    ),
    "archive_members": _(
        "“%(name)s” holds %(count)s files; at most %(limit)s are allowed. "
        "Split it into smaller archives."
    ),
    "nested": _(
        "“%(name)s” contains another archive, a program or an unsafe path (%(member)s). "
        "Upload the documents themselves."
    ),
    "encrypted": _(
        "“%(name)s” is protected with a password, so its contents cannot be checked. "
        "Upload it without the password."
    ),
    "macros": _(
        "“%(name)s” contains macros. Save it as an ordinary document without macros "
        "(.docx, .xlsx or .pptx) and upload that."
    ),
}


def refuse(code, **params):
    raise ValidationError(MESSAGES[code] % params, code=code, params=params)


def allowed_label(allowed_extensions):
    return ", ".join(sorted({ext.upper() for ext in allowed_extensions} - {"JPEG"}))


def check_upload(upload, allowed_extensions, max_bytes=None):
    """Raise ``ValidationError`` unless ``upload`` is an allowed, honest, bounded file."""
    allowed = [ext.lower() for ext in allowed_extensions]
    name = safe_filename(upload.name or "")
    extension = extension_of(upload.name or "")
    label = allowed_label(allowed)
    if extension not in allowed:
        refuse("file_type", name=name, allowed=label)
    size = upload.size
    if max_bytes is not None and size is not None and size > max_bytes:
        refuse("file_size", name=name, size=filesizeformat(size), limit=filesizeformat(max_bytes))
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    if not head:
        refuse("file_empty", name=name)
    if kind := signatures.executable_kind(head):
        refuse("program", name=name, kind=kind)
    if not signatures.matches(extension, head):
        refuse("file_content", name=name, ext=extension, allowed=label)
    _check_by_type(upload, extension, head, name, label)
    upload.seek(0)


def _check_by_type(upload, extension, head, name, label):
    if extension in signatures.ZIP_TYPES:
        try:
            archives.inspect(upload, extension)
        except archives.ArchiveProblem as problem:
            params = dict(problem.params)
            for key in ("unpacked", "limit"):
                if problem.code == "zip_bomb" and key in params:
                    params[key] = filesizeformat(params[key])
            refuse(problem.code, name=name, ext=extension, allowed=label, **params)
    elif extension == "pdf":
        if pdf.has_actions(upload):
            refuse("pdf_actions", name=name)
    elif extension in signatures.TEXT_TYPES or extension in signatures.MARKUP_TYPES:
        if extension in signatures.TEXT_TYPES and not markup.is_text(head):
            refuse("file_content", name=name, ext=extension, allowed=label)
        if markup.has_active_content(upload):
            refuse("script", name=name)
