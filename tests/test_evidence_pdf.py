"""Thai evidence PDFs: shaped text that reads back as typed, only the packaged Sarabun
embedded, nothing fetched over the network.

The sample is a two-page publishing-request form (แบบฟอร์มการขออนุญาตเผยแพร่ข้อมูลผ่านเว็บไซต์)
printed through ``moit_evidence/print_base.html``. The evidence package is not an installed
app, so the template directory is put in ``TEMPLATES`` here.
"""

import http.server
import io
import re
import shutil
import subprocess
import threading
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from moit_wagtail.evidence import pdf, thai_text

EVIDENCE_TEMPLATES = Path(pdf.__file__).resolve().parent / "templates"

TITLE = "ประกาศผู้ชนะการเสนอราคา ซื้อวัสดุการแพทย์"
BE_DATE = "ปีงบประมาณ พ.ศ. ๒๕๖๙"
SIGNERS = ("ผู้รับผิดชอบการให้ข้อมูล", "ผู้อนุมัติรับรอง", "ผู้รับผิดชอบการนำข้อมูลขึ้นเผยแพร่")
STACKED_MARKS = ("ที่", "สุ่ม", "ผู้")

SAMPLE = """{% extends "moit_evidence/print_base.html" %}
{% block title %}แบบฟอร์มการขออนุญาตเผยแพร่ข้อมูลผ่านเว็บไซต์{% endblock %}
{% block content %}
<h1>แบบฟอร์มการขออนุญาตเผยแพร่ข้อมูลผ่านเว็บไซต์ของหน่วยงาน</h1>
<p class="center">{{ unit }} {{ be_date }}</p>
<div class="field"><span class="label">วันที่</span><span class="value">{{ date }}</span></div>
<div class="field"><span class="label">หัวข้อ</span><span class="value">{{ title }}</span></div>
<p>รายละเอียดข้อมูล (โดยสรุป) ผลการสุ่มตรวจที่ผ่านมาและรายการพัสดุที่จัดซื้อ</p>
<table class="evidence-table">
  <thead><tr><th>ลำดับ</th><th>รายการ</th><th>จำนวน</th><th>ผู้ชนะการเสนอราคา</th></tr></thead>
  <tbody>
  {% for row in rows %}
    <tr><td class="center">{{ forloop.counter }}</td><td>{{ row }}</td>
        <td class="right">{{ forloop.counter|add:9 }} กล่อง</td><td>บริษัท สุขภาพดี จำกัด</td></tr>
  {% endfor %}
  </tbody>
</table>
<div class="signatures">
  {% for signer in signers %}
  <div class="signature">
    <div class="role">{{ signer }}</div>
    <div class="line">ลงชื่อ ..........................................</div>
    <div>(นางสาวสมศรี ใจดี)</div>
    <div>ตำแหน่ง นักวิชาการสาธารณสุขชำนาญการ</div>
    <div>วันที่ {{ date }}</div>
  </div>
  {% endfor %}
</div>
{% endblock %}
"""

CONTEXT = {
    "unit": "สำนักงานสาธารณสุขจังหวัดตัวอย่าง",
    "be_date": BE_DATE,
    "date": "๒๗ พฤศจิกายน ๒๕๖๘",
    "title": TITLE,
    "rows": [f"ถุงมือยางทางการแพทย์ ชนิดที่ {n} สำหรับผู้ป่วย" for n in range(1, 31)],
    "signers": SIGNERS,
}


@pytest.fixture
def evidence_templates(settings):
    settings.TEMPLATES = [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "DIRS": [EVIDENCE_TEMPLATES],
            "OPTIONS": {
                "loaders": [
                    ("django.template.loaders.locmem.Loader", {"sample_form.html": SAMPLE}),
                    "django.template.loaders.filesystem.Loader",
                ],
            },
        }
    ]


@pytest.fixture
def form_pdf(evidence_templates):
    return pdf.render_template_pdf("sample_form.html", CONTEXT)


def pypdf_text(data):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def embedded_fonts(data):
    """``{PostScript name inside the embedded font program: (BaseFont, font file keys)}`` of
    every font the pages use."""
    fonts = {}
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            descriptor = descendant["/FontDescriptor"].get_object()
            files = [key for key in ("/FontFile", "/FontFile2", "/FontFile3") if key in descriptor]
            program = TTFont(io.BytesIO(descriptor[files[0]].get_data())) if files else None
            name = program["name"].getDebugName(6) if program else str(font["/BaseFont"])
            fonts[name] = (str(font["/BaseFont"]), files)
    return fonts


def test_form_has_two_a4_pages_with_thai_page_numbers(form_pdf):
    reader = PdfReader(io.BytesIO(form_pdf))
    assert len(reader.pages) == 2
    width, height = (float(value) for value in reader.pages[0].mediabox.upper_right)
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (210, 297)
    text = pypdf_text(form_pdf)
    assert "หน้า ๑ / ๒" in text
    assert "หน้า ๒ / ๒" in text


def test_pypdf_extracts_the_thai_text(form_pdf):
    text = pypdf_text(form_pdf)
    for expected in (TITLE, BE_DATE, *SIGNERS, *STACKED_MARKS):
        assert expected in text


def test_only_the_packaged_sarabun_is_embedded(form_pdf):
    """System Thai fonts (fonts-tlwg-*, DejaVu) must never stand in for a missing glyph."""
    fonts = embedded_fonts(form_pdf)
    assert set(fonts) == {"Sarabun-Regular", "Sarabun-Bold"}
    for base_font, files in fonts.values():
        assert re.fullmatch(r"/[A-Z]{6}\+Sarabun(-Bold)?", base_font)  # a subset
        assert files == ["/FontFile2"]


def pdftotext(data, tmp_path, *options):
    source = tmp_path / "document.pdf"
    source.write_bytes(data)
    command = ["pdftotext", *options, "-enc", "UTF-8", source, "-"]
    return subprocess.run(command, capture_output=True, check=True, text=True).stdout


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed")
def test_pdftotext_reads_the_thai(form_pdf, tmp_path):
    """The default (layout) mode regroups glyphs by position, and can split a word where a tone
    mark is raised over another mark; ``-raw`` reads the text in drawing order."""
    assert TITLE in pdftotext(form_pdf, tmp_path)
    raw = pdftotext(form_pdf, tmp_path, "-raw")
    for expected in (TITLE, BE_DATE, *SIGNERS, *STACKED_MARKS):
        assert expected in raw


def test_plain_html_is_set_in_sarabun_in_both_weights():
    regular = pdf.render_pdf("<p>สุ่มตรวจที่ผ่านมา</p>")
    assert set(embedded_fonts(regular)) == {"Sarabun-Regular"}
    bold = pdf.render_pdf("<p style='font-weight: bold'>ผู้อนุมัติรับรอง</p>")
    assert set(embedded_fonts(bold)) == {"Sarabun-Bold"}


def test_font_is_found_through_staticfiles_first():
    assert pdf.font_path(pdf.FONT_FILES[400]).is_file()


def test_font_falls_back_to_the_package_copy_when_staticfiles_finds_none(monkeypatch):
    monkeypatch.setattr(pdf.finders, "find", lambda path: None)
    path = pdf.font_path(pdf.FONT_FILES[400])
    assert path == pdf.PACKAGE_STATIC_DIR / "moit_wagtail/fonts/Sarabun-Regular.ttf"
    assert path.is_file()
    assert (path.parent / "OFL.txt").is_file()


class CountingHandler(http.server.BaseHTTPRequestHandler):
    hits = 0

    def do_GET(self):
        CountingHandler.hits += 1
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def loopback_server():
    CountingHandler.hits = 0
    server = http.server.HTTPServer(("127.0.0.1", 0), CountingHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def test_never_fetches_over_the_network(loopback_server):
    html = (
        f'<link rel="stylesheet" href="{loopback_server}/style.css">'
        f'<p>ที่ <img src="{loopback_server}/logo.png"></p>'
    )
    data = pdf.render_pdf(html, base_url=f"{loopback_server}/form/")
    assert data.startswith(b"%PDF")
    assert CountingHandler.hits == 0


def test_refuses_local_files_outside_the_allowed_directories(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the PDF")
    html = f'<link rel="attachment" href="{secret.as_uri()}"><p>ที่</p>'
    assert PdfReader(io.BytesIO(pdf.render_pdf(html))).attachments == {}
    allowed = pdf.render_pdf(html, allowed_dirs=[tmp_path])
    assert list(PdfReader(io.BytesIO(allowed)).attachments) == ["secret.txt"]


def test_fetcher_refuses_other_schemes_and_hosts():
    fetcher = pdf.LocalOnlyURLFetcher([pdf.PACKAGE_STATIC_DIR])
    for url in ("http://example.com/a.png", "ftp://example.com/a", "file://server/share/a.png"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    font = pdf.PACKAGE_STATIC_DIR / pdf.FONT_FILES[700]
    assert fetcher.fetch(font.as_uri()).read(4) == b"\x00\x01\x00\x00"


# SARA AM (ำ) next to SARA AA (า), with and without a tone mark, in both orders: WeasyPrint
# alone maps the shared SARA AA glyph from its first use, so one of each pair would come out
# wrong ("ลำดับ" as "ลาดับ", or "นา" as "นำ").
SARA_AM_WORDS = ("ลาดับ", "ลำดับ", "ท้า", "ทำ", "น้ำ", "นา", "สำนักงาน", "ต่ำ", "ตา", "ร่ำรวย")


@pytest.mark.parametrize(
    "words", [SARA_AM_WORDS, SARA_AM_WORDS[::-1]], ids=["aa-first", "am-first"]
)
def test_sara_am_and_tone_marks_read_back_as_typed(words, tmp_path):
    html = "<p>" + " ".join(words) + "</p><p><b>" + " ".join(words) + "</b></p>"
    data = pdf.render_pdf(html)
    assert pypdf_text(data).split() == [*words, *words]
    if shutil.which("pdftotext"):
        assert pdftotext(data, tmp_path, "-raw").split() == [*words, *words]


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils is not installed")
def test_text_layer_repair_leaves_the_page_as_it_was(evidence_templates, monkeypatch, tmp_path):
    repaired = pdf.render_template_pdf("sample_form.html", CONTEXT)
    monkeypatch.setattr(pdf, "repair_thai_text", lambda data, font_files: data)
    original = pdf.render_template_pdf("sample_form.html", CONTEXT)
    assert pypdf_text(original) != pypdf_text(repaired)  # there was something to repair
    for name, data in (("original", original), ("repaired", repaired)):
        (tmp_path / f"{name}.pdf").write_bytes(data)
        subprocess.run(
            ["pdftoppm", "-r", "60", "-png", tmp_path / f"{name}.pdf", tmp_path / name], check=True
        )
    for page in (1, 2):
        before = (tmp_path / f"original-{page}.png").read_bytes()
        assert (tmp_path / f"repaired-{page}.png").read_bytes() == before


def test_repair_leaves_pdfs_without_known_fonts_alone():
    data = pdf.render_pdf("<p>ที่</p>")
    assert thai_text.repair_thai_text(data, font_files=[]) == data


def test_repair_refuses_a_subset_whose_glyph_ids_differ_from_the_source():
    """Mapping glyphs by a source font they were not subset from would corrupt the text."""
    font_file = pdf.font_path(pdf.FONT_FILES[400])
    name, texts, marks = thai_text.glyph_texts(font_file, font_file.stat().st_mtime)
    reader = PdfReader(io.BytesIO(pdf.render_pdf("<p>ที่ผ่านมา</p>")))
    (font,) = (ref.get_object() for ref in reader.pages[0]["/Resources"]["/Font"].values())
    assert thai_text._repair_for(font, {name: (texts, marks)}) is not None
    shifted = {glyph + 1: text for glyph, text in texts.items()}
    assert thai_text._repair_for(font, {name: (shifted, marks)}) is None
