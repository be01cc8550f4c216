"""A Word (.docx) upload made into rich text: headings, inline styles, safe links only,
nested lists, tables as lists, pictures saved once each, unsupported pictures counted, the
page title, and uploads that are not Word documents refused with the file's name."""

import io
import re
import zipfile

import docx
import pytest
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from wagtail.images import get_image_model

from moit_wagtail.importer.word import MAX_WORD_BYTES, WordImage, read_word, to_rich_text
from tests import word_samples

BLOCK_KEY = re.compile(r' data-block-key="[^"]*"')


def html_of(upload, save_image=lambda image: None, features=None):
    """The rich text without Draftail's random block keys."""
    return BLOCK_KEY.sub("", to_rich_text(read_word(upload), save_image, features))


@pytest.fixture(scope="module")
def report_html():
    return html_of(word_samples.thai_report())


def test_headings_map_to_h2_h3_h4_and_the_opening_title_is_not_repeated(report_html):
    assert report_html.startswith("<h2>ความเป็นมา</h2><p>")
    assert "<h3>ช่องทางติดต่อ</h3>" in report_html
    assert "<h4>รายละเอียด</h4>" in report_html
    assert word_samples.TITLE not in report_html


def test_title_elsewhere_subtitle_lower_levels_thai_names_and_based_on_styles():
    document = read_word(word_samples.headings_document())
    html = BLOCK_KEY.sub("", to_rich_text(document, lambda image: None))
    assert html == (
        "<p>บทนำ</p><h2>ชื่อเรื่องกลางเอกสาร</h2><h3>ชื่อรอง</h3><h4>หัวข้อระดับห้า</h4>"
        "<h3>หัวข้อภาษาไทย</h3><h2>หัวข้อกำหนดเอง</h2>"
    )
    assert document.title == "ชื่อเรื่องกลางเอกสาร"
    assert document.counts["headings"] == 5
    assert document.counts["paragraphs"] == 1  # the blank paragraph is dropped


def test_bold_italic_line_break_and_script_text_escaped(report_html):
    assert (
        "<p>หน่วยงานให้บริการ <b>ตลอดวัน</b> และ <i>ไม่มีค่าใช้จ่าย</i> "
        "&lt;script&gt;alert(1)&lt;/script&gt;บรรทัดแรก<br/>บรรทัดที่สอง</p>"
    ) in report_html
    assert "<script" not in report_html


def test_https_link_kept_and_javascript_link_made_plain_text(report_html):
    assert (
        '<p>ดูที่ <a href="https://moph.go.th/บริการ?a=1&amp;b=2">กระทรวงสาธารณสุข</a> หรือ คลิกที่นี่</p>'
    ) in report_html
    assert "javascript" not in report_html
    assert report_html.count("<a") == 1


def test_nested_bullet_list_and_numbered_list(report_html):
    assert (
        "<h4>รายละเอียด</h4><ul><li>ผู้สูงอายุ<ul><li>อายุ 60 ปีขึ้นไป</li></ul></li>"
        "<li>ผู้พิการ</li></ul><p>ขั้นตอน:</p><ol><li>ยื่นคำขอ</li><li>รอผล</li></ol>"
    ) in report_html


def test_table_becomes_one_item_per_row_with_header_value_pairs(report_html):
    assert (
        "</ol><ul><li>บริการ: ฉีดวัคซีน; ช่องทาง: โรงพยาบาล; ระยะเวลา: 1 วัน</li>"
        "<li>บริการ: ตรวจสุขภาพ; ช่องทาง: ออนไลน์</li></ul><p>ก่อนภาพ</p>"
    ) in report_html


def test_counts_of_what_was_read():
    document = read_word(word_samples.thai_report())
    assert document.counts == {
        "headings": 3,
        "paragraphs": 6,
        "lists": 2,
        "tables": 1,
        "images": 1,
        "skipped_images": 0,
    }


def test_thai_numbering_list_styles_numbering_removed_and_small_tables():
    document = read_word(word_samples.lists_document())
    html = BLOCK_KEY.sub("", to_rich_text(document, lambda image: None))
    assert html == (
        "<ol><li>ข้อหนึ่ง<ol><li>ข้อย่อย</li></ol></li></ol>"
        "<ul><li>จุดแรก<ul><li>จุดย่อย</li></ul></li></ul>"
        "<p>ไม่ใช่รายการ</p><ul><li>รายการเดียว</li></ul>"
        # an empty paragraph keeps Draftail from joining adjacent lists into one
        "<p></p><ul><li>ก | ค</li></ul><p></p><ul><li>ซ้าย | ขวา</li></ul>"
    )
    assert document.counts["lists"] == 3
    assert document.counts["tables"] == 2


def test_a_field_without_bullet_lists_gets_paragraphs_instead():
    html = html_of(word_samples.lists_document(), features=["bold", "ol"])
    assert html.startswith("<ol><li>ข้อหนึ่ง<ol><li>ข้อย่อย</li></ol></li></ol><p>จุดแรก</p>")
    assert "<ul" not in html
    assert "<p>บริการ: ฉีดวัคซีน; ช่องทาง: โรงพยาบาล; ระยะเวลา: 1 วัน</p>" in html_of(
        word_samples.thai_report(), features=["bold", "italic"]
    )


def test_picture_read_with_alt_and_a_filename_from_the_word_file():
    document = read_word(word_samples.thai_report(name="รายงาน ประจำปี.docx"))
    (image,) = document.images.values()
    assert isinstance(image, WordImage)
    assert image.alt == word_samples.ALT
    assert image.filename == "รายงาน_ประจำปี-1.png"
    assert image.data.startswith(b"\x89PNG")
    assert ("image", image.key) in document.blocks


@pytest.mark.django_db
def test_picture_saved_once_and_embedded_where_it_stood_with_its_alt_text():
    saved = []

    def save_image(word_image):
        image = get_image_model()(title=word_image.alt)
        image.file = ImageFile(io.BytesIO(word_image.data), name=word_image.filename)
        image.save()
        saved.append(word_image.key)
        return image.id

    html = html_of(word_samples.thai_report(), save_image)
    (image,) = get_image_model().objects.all()
    embed = (
        f'<embed embedtype="image" format="fullwidth" id="{image.id}" alt="{word_samples.ALT}"/>'
    )
    assert len(saved) == 1
    assert f"<p>ก่อนภาพ</p>{embed}<p>หลังภาพ</p>{embed}<p>จบรายงาน</p>" in html


def test_picture_in_a_table_follows_the_table():
    document = read_word(word_samples.picture_in_table())
    (key,) = document.images
    assert document.blocks == [("table", ["ภาพ"]), ("image", key), ("p", "หลังตาราง")]


def test_picture_left_out_when_not_saved(report_html):
    assert "<embed" not in report_html
    assert "<p>ก่อนภาพ</p><p>หลังภาพ</p><p>จบรายงาน</p>" in report_html


def test_pictures_in_a_field_without_images_are_not_saved():
    def save_image(word_image):
        raise AssertionError("not called")

    assert "<embed" not in html_of(word_samples.thai_report(), save_image, ["bold"])


def test_emf_tiff_and_broken_pictures_counted_and_left_out():
    document = read_word(word_samples.unsupported_images())
    assert document.counts["images"] == 1
    assert document.counts["skipped_images"] == 3
    assert [block[0] for block in document.blocks] == ["p", "image"]
    (image,) = document.images.values()
    assert image.filename == "ภาพ-1.png"


@pytest.mark.parametrize(
    ("core_title", "expected", "first_block"),
    [
        ("", word_samples.TITLE, ("h2", "ความเป็นมา")),
        ("ชื่อจากคุณสมบัติเอกสาร", "ชื่อจากคุณสมบัติเอกสาร", ("h2", word_samples.TITLE)),
        (word_samples.TITLE, word_samples.TITLE, ("h2", "ความเป็นมา")),
    ],
    ids=["title-paragraph", "core-title", "same-in-both"],
)
def test_title_from_core_properties_else_from_the_title_paragraph(
    core_title, expected, first_block
):
    document = read_word(word_samples.thai_report(core_title))
    assert document.title == expected
    assert document.blocks[0] == first_block


def test_title_from_the_first_heading_1_which_stays_in_the_body():
    document = read_word(word_samples.heading_title_only())
    assert document.title == "การฉีดวัคซีน"
    assert document.blocks == [("p", "คำนำ"), ("h2", "การฉีดวัคซีน"), ("p", "เนื้อหา")]


def test_zip_renamed_docx_refused_with_its_name():
    with pytest.raises(ValidationError) as refused:
        read_word(word_samples.zip_named_docx())
    assert refused.value.code == "file_content"
    assert "เอกสาร.docx" in refused.value.messages[0]


def test_damaged_word_parts_refused_with_its_name():
    with pytest.raises(ValidationError) as refused:
        read_word(word_samples.damaged_docx())
    assert refused.value.code == "damaged"
    assert refused.value.params == {"name": "เสียหาย.docx"}
    assert "“เสียหาย.docx”" in refused.value.messages[0]


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


@pytest.mark.parametrize(
    "change",
    [
        lambda xml: f"<w:document {W}/>".encode(),  # no body
        lambda xml: f"<w:settings {W}/>".encode(),  # another part's root
        lambda xml: xml.replace(b"<w:b/>", b'<w:b w:val="maybe"/>'),
    ],
    ids=["no-body", "wrong-root", "invalid-value"],
)
def test_word_xml_in_the_wrong_shape_refused_as_damaged(change):
    upload = word_samples.with_part(word_samples.thai_report(), "word/document.xml", change)
    with pytest.raises(ValidationError) as refused:
        read_word(upload)
    assert refused.value.code == "damaged"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("รายงาน.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100),
        ("รายงาน.pdf", b"%PDF-1.4\n%test\n"),
    ],
    ids=["doc", "pdf"],
)
def test_doc_and_pdf_refused_before_reading(name, content):
    with pytest.raises(ValidationError) as refused:
        read_word(word_samples.named(name, content))
    assert refused.value.code == "file_type"
    assert name in refused.value.messages[0]


def test_word_file_with_macros_refused():
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(buffer, "w") as archive,
        zipfile.ZipFile(word_samples.thai_report()) as original,
    ):
        for member in original.infolist():
            archive.writestr(member, original.read(member))
        archive.writestr("word/vbaProject.bin", b"macro")
    with pytest.raises(ValidationError) as refused:
        read_word(word_samples.named("มาโคร.docx", buffer.getvalue()))
    assert refused.value.code == "macros"


def test_upload_left_at_its_start_for_whoever_saves_it():
    upload = word_samples.thai_report()
    read_word(upload)
    assert upload.tell() == 0
    assert MAX_WORD_BYTES == 20 * 1024 * 1024


def test_styles_are_looked_up_once_per_style_not_per_paragraph(monkeypatch):
    """python-docx searches the styles part on each ``.style``: 10,000 paragraphs took
    38 s before (0.4 s with the lookups kept per style)."""
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

    document = docx.Document()
    for number in range(300):
        paragraph = document.add_paragraph(f"ย่อหน้าที่ {number} ")
        paragraph.add_run("ตัวหนา").bold = True
        paragraph.add_run(" ธรรมดา")
    lookups = []
    for cls in (Paragraph, Run):
        original = cls.style

        def counted(self, original=original):
            lookups.append(type(self).__name__)
            return original.fget(self)

        monkeypatch.setattr(cls, "style", property(counted, original.fset))
    word = read_word(word_samples.upload(document, "ยาว.docx"))
    assert len(word.blocks) == 300
    assert lookups.count("Paragraph") <= 2 and lookups.count("Run") <= 2
