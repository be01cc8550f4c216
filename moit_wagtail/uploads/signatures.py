"""What a real file of each allowed type starts with, and what a program starts with.

An extension is a claim the uploader makes; the first bytes are evidence. Programs are
recognised first so that ``setup.exe`` renamed ``report.pdf`` gets "this is a program",
not just "not a PDF". Types without a fixed signature (CSV, TXT) are checked as text
(``markup``) instead.
"""

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc/.xls/.ppt (Compound File Binary)
ZIP = b"PK\x03\x04"

SIGNATURES = {
    "pdf": (b"%PDF-",),
    "doc": (OLE2,),
    "xls": (OLE2,),
    "ppt": (OLE2,),
    "docx": (ZIP,),
    "xlsx": (ZIP,),
    "pptx": (ZIP,),
    "odt": (ZIP,),
    "ods": (ZIP,),
    "odp": (ZIP,),
    "zip": (ZIP,),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "gif": (b"GIF87a", b"GIF89a"),
    "webp": (b"RIFF",),  # and "WEBP" at offset 8, see matches()
    "avif": (b"",),  # ISO media: "ftyp" at offset 4, see matches()
    "heic": (b"",),
}
ZIP_TYPES = {"docx", "xlsx", "pptx", "odt", "ods", "odp", "zip"}
TEXT_TYPES = {"csv", "txt"}
MARKUP_TYPES = {"html", "htm", "xhtml", "svg", "xml"}

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "ppt": "application/vnd.ms-powerpoint",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "zip": "application/zip",
    "csv": "text/csv",
    "txt": "text/plain",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
    "webp": "image/webp",
}

# (first bytes, what it is): Windows PE, Linux ELF, macOS Mach-O (32/64 bit, both byte
# orders, universal), Java class / Mach-O fat, and any "#!" script.
EXECUTABLES = (
    (b"MZ", "Windows"),
    (b"\x7fELF", "Linux"),
    (b"\xfe\xed\xfa\xce", "macOS"),
    (b"\xfe\xed\xfa\xcf", "macOS"),
    (b"\xce\xfa\xed\xfe", "macOS"),
    (b"\xcf\xfa\xed\xfe", "macOS"),
    (b"\xca\xfe\xba\xbe", "macOS/Java"),
    (b"#!", "script"),
)
_BOM = b"\xef\xbb\xbf"


def executable_kind(head):
    """What kind of program ``head`` starts, or ``None``."""
    head = head.removeprefix(_BOM)
    for prefix, kind in EXECUTABLES:
        if head.startswith(prefix):
            return kind
    return None


def matches(extension, head):
    """Do the first bytes fit the extension? Unknown extensions are not judged here."""
    prefixes = SIGNATURES.get(extension)
    if prefixes is None:
        return True
    if extension == "webp":
        return head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    if extension in {"avif", "heic"}:
        return head[4:8] == b"ftyp"
    return any(head.startswith(prefix) for prefix in prefixes)
