"""Thai HTML to PDF with WeasyPrint and the packaged Sarabun font.

Why WeasyPrint: it lays text out with Pango and HarfBuzz, which apply the font's ``thai``
OpenType tables, so above/below vowels and tone marks ("ที่", "ผู้") stack as they should.
Why a packaged font: a server rarely has a Thai font installed, and a fallback chosen by
fontconfig differs between machines; evidence must print the same everywhere and embed an openly
licensed font (Sarabun, SIL OFL 1.1, see ``static/moit_wagtail/fonts/README.md``).
The text layer WeasyPrint writes for Thai is then repaired (``thai_text``) so that copying,
searching and extracting the PDF give back the Thai that was typed.

Rendering never touches the network: the URL fetcher only reads ``data:`` URLs and local files
inside an allow-list (the font directory, plus the directory of a ``file://`` ``base_url`` and
whatever the caller names), so neither a stray ``http://`` link nor an injected
``file:///etc/...`` attachment can make a PDF reach or reveal anything else.
"""

from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from moit_wagtail.evidence.thai_text import repair_thai_text

FONT_FAMILY = "Sarabun"
# Static path (as collectstatic and the finders see it) of each weight that is shipped.
FONT_FILES = {
    400: "moit_wagtail/fonts/Sarabun-Regular.ttf",
    700: "moit_wagtail/fonts/Sarabun-Bold.ttf",
}
PACKAGE_STATIC_DIR = Path(__file__).resolve().parent.parent / "static"


def font_path(static_path: str) -> Path:
    """The font file to embed for ``static_path``.

    The staticfiles finders come first, so a project can put its own file at the same static
    path (e.g. a licensed TH Sarabun New) and every PDF uses it; the package's own copy is the
    fallback, so printing works whether or not ``moit_wagtail`` is an installed app and whether
    or not ``collectstatic`` has run.
    """
    found = finders.find(static_path)
    return Path(found).resolve() if found else PACKAGE_STATIC_DIR / static_path


def font_face_css() -> str:
    """``@font-face`` rules naming the font files by absolute ``file://`` URL, and Sarabun as
    the default family (user origin: any ``font-family`` in the document's own CSS wins)."""
    rules = [
        f'@font-face {{ font-family: "{FONT_FAMILY}"; font-style: normal; '
        f'font-weight: {weight}; src: url("{font_path(static_path).as_uri()}") '
        'format("truetype"); }'
        for weight, static_path in FONT_FILES.items()
    ]
    rules.append(f'html {{ font-family: "{FONT_FAMILY}"; }}')
    return "\n".join(rules)


class LocalOnlyURLFetcher(URLFetcher):
    """Reads ``data:`` URLs and files under ``allowed_dirs``; refuses everything else.

    A refusal raises ``ValueError``, which WeasyPrint reports as a warning and skips (a missing
    image, never a failed document).
    """

    def __init__(self, allowed_dirs: Iterable[Path]):
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False)
        self.allowed_dirs = tuple(Path(directory).resolve() for directory in allowed_dirs)

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme == "file":
            if parts.netloc not in ("", "localhost"):
                raise ValueError(f"Refusing a file URL on another host: {url}")
            path = Path(url2pathname(parts.path)).resolve()
            if not any(path.is_relative_to(directory) for directory in self.allowed_dirs):
                raise ValueError(f"Refusing a file outside the allowed directories: {url}")
        elif scheme != "data":
            raise ValueError(f"Refusing to fetch over the network: {url}")
        return super().fetch(url, headers)


def _allowed_dirs(base_url: str | None, extra_dirs: Iterable[Path]) -> list[Path]:
    dirs = [font_path(static_path).parent for static_path in FONT_FILES.values()]
    if base_url and urlsplit(base_url).scheme == "file":
        base = Path(url2pathname(urlsplit(base_url).path))
        dirs.append(base if base_url.endswith("/") else base.parent)
    dirs.extend(Path(directory) for directory in extra_dirs)
    return dirs


def render_pdf(
    html: str, base_url: str | None = None, *, allowed_dirs: Iterable[Path] = ()
) -> bytes:
    """The PDF of ``html``, typeset in the packaged Sarabun (its glyphs embedded as a subset).

    ``base_url`` resolves relative links; if it is a ``file://`` URL its directory may be read
    (images, stylesheets). ``allowed_dirs`` names further local directories that may be read,
    e.g. ``MEDIA_ROOT`` for an agency logo. Nothing is ever fetched over the network.
    """
    fetcher = LocalOnlyURLFetcher(_allowed_dirs(base_url, allowed_dirs))
    font_config = FontConfiguration()
    fonts = CSS(string=font_face_css(), font_config=font_config, url_fetcher=fetcher)
    document = HTML(string=html, base_url=base_url, url_fetcher=fetcher)
    pdf = document.write_pdf(stylesheets=[fonts], font_config=font_config)
    return repair_thai_text(pdf, [font_path(static_path) for static_path in FONT_FILES.values()])


def render_template_pdf(
    template_name: str,
    context: dict | None = None,
    request=None,
    *,
    base_url: str | None = None,
    allowed_dirs: Iterable[Path] = (),
) -> bytes:
    """Render a Django template (usually one extending ``moit_evidence/print_base.html``) and
    print it. ``request`` only feeds the template's context processors: links in the document
    are never fetched from the site."""
    html = render_to_string(template_name, context or {}, request=request)
    return render_pdf(html, base_url=base_url, allowed_dirs=allowed_dirs)
