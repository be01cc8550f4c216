"""Reading the text inside attached files: each format with Thai text, the caps, and hostile
or broken files, which come back as a status and never as an exception."""

import io
import zipfile
from unittest import mock

import pytest
from django.utils import translation
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from pypdf import PdfReader, PdfWriter

from moit_wagtail.search import file_text
from moit_wagtail.search.models import FileText
from tests import file_text_files as files

Status = FileText.Status
ANNOUNCEMENT = "ประกาศสำนักงานสาธารณสุขจังหวัด เรื่อง ผลการจัดซื้อจัดจ้างวัสดุการแพทย์"


def read(data, name):
    return file_text.extract(io.BytesIO(data), name)


@pytest.fixture(scope="module")
def three_page_pdf():
    return files.thai_pdf(
        [
            "หน้าหนึ่ง " + ANNOUNCEMENT,
            "หน้าสอง คู่มือการปฏิบัติงานด้านการป้องกันการทุจริต",
            "หน้าสาม รายงานผลการดำเนินงานโครงการ",
        ]
    )


# -- each format ---------------------------------------------------------------------------


def test_a_thai_pdf_is_read_page_by_page(three_page_pdf):
    result = read(three_page_pdf, "ประกาศ.pdf")
    assert result.status == Status.OK
    assert result.pages == 3 and not result.truncated
    assert "ผลการจัดซื้อจัดจ้างวัสดุการแพทย์" in result.text
    assert "คู่มือการปฏิบัติงาน" in result.text and "รายงานผลการดำเนินงานโครงการ" in result.text
    assert result.text.index("หน้าหนึ่ง") < result.text.index("หน้าสาม")


def test_a_pdf_with_an_image_only_has_no_text():
    result = read(files.image_only_pdf(), "scan.pdf")
    assert result.status == Status.NO_TEXT
    assert result.pages == 1 and result.text == ""


def test_a_docx_gives_its_body_headers_and_footers_as_paragraphs():
    data = files.docx_bytes(
        ["คำสั่งจังหวัด ที่ 12/2567", "เรื่อง   แต่งตั้ง|คณะกรรมการ", ""],
        header="สำนักงานสาธารณสุขจังหวัด",
        footer="หน้าท้าย",
    )
    result = read(data, "คำสั่ง.docx")
    assert result.status == Status.OK and result.pages is None
    lines = result.text.split("\n")
    assert lines[:2] == ["คำสั่งจังหวัด ที่ 12/2567", "เรื่อง แต่งตั้ง คณะกรรมการ"]
    assert "สำนักงานสาธารณสุขจังหวัด" in lines and "หน้าท้าย" in lines


def test_an_xlsx_gives_sheet_names_and_cell_values_row_by_row():
    data = files.xlsx_bytes(
        [["ลำดับ", "รายการ", "จำนวนเงิน"], [1, "ชุดตรวจโควิด", 2500], [2, None, "เวชภัณฑ์"]],
        sheet_title="ผลการจัดซื้อ",
    )
    result = read(data, "สรุป.xlsx")
    assert result.status == Status.OK
    assert result.text.split("\n") == [
        "ผลการจัดซื้อ",
        "ลำดับ รายการ จำนวนเงิน",
        "1 ชุดตรวจโควิด 2500",
        "2 เวชภัณฑ์",
    ]


def test_an_odt_gives_headings_and_paragraphs_with_their_spaces():
    data = files.odt_bytes(
        "แผนปฏิบัติการ",
        ["ป้องกัน<text:s/>โรค<text:span>ไข้เลือดออก</text:span>ปี 2567", "ครั้งที่<text:tab/>2"],
    )
    result = read(data, "แผน.odt")
    assert result.status == Status.OK
    assert result.text.split("\n") == ["แผนปฏิบัติการ", "ป้องกัน โรคไข้เลือดออกปี 2567", "ครั้งที่ 2"]


def test_an_ods_gives_its_sheet_names_and_cells():
    data = files.ods_bytes({"บุคลากร": [["ชื่อ", "ตำแหน่ง"], ["สมศรี", "พยาบาลวิชาชีพ"]]})
    result = read(data, "บุคลากร.ods")
    assert result.status == Status.OK
    assert result.text.split("\n")[0] == "บุคลากร"
    assert "พยาบาลวิชาชีพ" in result.text.split("\n")


def test_a_pptx_gives_its_slides_in_order():
    data = files.pptx_bytes([f"สไลด์ {n}" for n in (1, 2, 10)])
    assert read(data, "นำเสนอ.pptx").text.split("\n") == ["สไลด์ 1", "สไลด์ 2", "สไลด์ 10"]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp874"])
def test_plain_text_and_csv_in_utf8_or_thai_windows(encoding):
    data = "เลขที่,เรื่อง\n1,ประกาศรับสมัคร\n".encode(encoding)
    assert read(data, "รายการ.csv").text == "เลขที่,เรื่อง\n1,ประกาศรับสมัคร"


def test_thai_marks_are_put_in_order_and_invisible_spaces_dropped():
    typed = "ท\u0e48\u0e35\u0e1b\u0e23\u0e30\u0e0a\u0e38\u0e21\u200b เเผน"  # tone before vowel
    result = read(files.docx_bytes([typed]), "a.docx")
    assert result.text == "ที่ประชุม แผน"


@pytest.mark.parametrize("name", ["เก่า.doc", "ตาราง.xls", "รูป.jpg", "ไฟล์.zip", "ไม่มีนามสกุล"])
def test_other_types_are_unsupported(name):
    result = read(b"anything", name)
    assert result == file_text.Extracted(Status.UNSUPPORTED)
    assert not file_text.readable(name)


def test_a_stream_that_cannot_seek_is_read_through_a_copy(three_page_pdf):
    class Pipe(io.RawIOBase):
        def __init__(self, data):
            self.inner = io.BytesIO(data)

        def readable(self):
            return True

        def readinto(self, buffer):
            chunk = self.inner.read(len(buffer))
            buffer[: len(chunk)] = chunk
            return len(chunk)

    assert file_text.extract(Pipe(three_page_pdf), "a.pdf").pages == 3


# -- the caps ----------------------------------------------------------------------------


def test_a_file_over_the_size_cap_is_not_read(settings, three_page_pdf):
    settings.MOIT_FILE_TEXT_MAX_MB = len(three_page_pdf) / (1024 * 1024) / 2
    assert read(three_page_pdf, "a.pdf") == file_text.Extracted(Status.TOO_LARGE)


def test_pages_past_the_page_cap_are_not_read(settings, three_page_pdf):
    settings.MOIT_FILE_TEXT_MAX_PAGES = 2
    result = read(three_page_pdf, "a.pdf")
    assert result.status == Status.OK and result.pages == 2 and result.truncated
    assert "หน้าสอง" in result.text and "หน้าสาม" not in result.text


def test_text_past_the_character_cap_is_cut(settings):
    settings.MOIT_FILE_TEXT_MAX_CHARS = 100
    result = read(files.docx_bytes([ANNOUNCEMENT] * 50), "a.docx")
    assert result.status == Status.OK and result.truncated
    assert len(result.text) == 100 and result.text.startswith(ANNOUNCEMENT)


def test_unpacked_parts_over_their_cap_are_not_read(settings):
    settings.MOIT_FILE_TEXT_MAX_UNPACKED_MB = 0.5
    many = [f"ย่อหน้าที่ {n} " + ANNOUNCEMENT for n in range(5000)]  # about 1.5 MB of XML
    assert read(files.docx_bytes(many), "a.docx").status == Status.TOO_LARGE


# -- hostile and broken files --------------------------------------------------------------


SPACES = b" " * (30 * 1024 * 1024)  # deflates about 1000:1


@pytest.mark.parametrize(
    ("name", "members"),
    [
        ("a.docx", {"[Content_Types].xml": "<x/>", "word/document.xml": SPACES}),
        ("a.xlsx", {"[Content_Types].xml": "<x/>", "xl/workbook.xml": "<x/>", "xl/s.xml": SPACES}),
        ("a.odt", {"mimetype": files.ODF_MIMETYPES["odt"], "content.xml": SPACES}),
    ],
)
def test_a_zip_bomb_is_not_unpacked(name, members):
    bomb = files.zip_bytes(members, stored={"mimetype"})
    assert len(bomb) < 100_000
    assert read(bomb, name).status == Status.TOO_LARGE


def test_a_sheet_declaring_a_million_rows_is_read_by_its_real_rows():
    data = files.xlsx_bytes([["ประกาศ", "ผลการจัดซื้อ"]])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    sheet = members["xl/worksheets/sheet1.xml"]
    members["xl/worksheets/sheet1.xml"] = sheet.replace(b'ref="A1:B1"', b'ref="A1:XFD1048576"')
    assert members["xl/worksheets/sheet1.xml"] != sheet
    widths = []
    real_get_row = ReadOnlyWorksheet._get_row

    def get_row(*args, **kwargs):
        row = real_get_row(*args, **kwargs)
        widths.append(len(row))
        return row

    with mock.patch.object(ReadOnlyWorksheet, "_get_row", get_row):
        result = read(files.zip_bytes(members), "a.xlsx")
    assert result.text == "data\nประกาศ ผลการจัดซื้อ"
    assert widths == [2]  # not padded to the 16,384 columns the sheet declares


def test_reading_stops_at_the_time_budget(settings, three_page_pdf):
    settings.MOIT_FILE_TEXT_MAX_SECONDS = 0
    result = read(three_page_pdf, "a.pdf")
    assert result.pages == 1 and result.truncated and "หน้าหนึ่ง" in result.text


def test_an_external_entity_in_a_docx_is_never_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("รหัสลับของเครื่องแม่ข่าย")
    prolog = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
    xml = files.word_xml(["ก่อน"], prolog=prolog).replace("ก่อน", "&xxe;")
    result = read(files.docx_bytes([], document_xml=xml), "a.docx")
    assert result.status == Status.FAILED
    assert "รหัสลับ" not in result.text


def test_entity_expansion_is_refused():
    laughs = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10))
    prolog = f'<!DOCTYPE w:document [<!ENTITY l0 "ฮา">{laughs}]>'
    xml = files.word_xml(["x"], prolog=prolog).replace(">x<", ">&l9;<")
    assert read(files.docx_bytes([], document_xml=xml), "a.docx").status == Status.FAILED


def test_a_pdf_that_needs_a_password_is_failed_and_one_that_opens_is_read(three_page_pdf):
    def encrypted(user_password):
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(three_page_pdf)))
        writer.encrypt(user_password=user_password, owner_password="owner", algorithm="AES-256")
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()

    assert read(encrypted("secret"), "a.pdf") == file_text.Extracted(Status.FAILED)
    # Only printing or copying restricted: it opens without a password, so it is read.
    assert "หน้าสาม" in read(encrypted(""), "a.pdf").text


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage", "a.pdf"),
        (b"", "a.pdf"),
        (b"PK\x03\x04 not really a zip", "a.docx"),
        (files.zip_bytes({"[Content_Types].xml": "<x/>"}), "a.docx"),  # no word/document.xml
        (files.docx_bytes([], document_xml="<w:document><unclosed"), "a.docx"),
        (files.zip_bytes({"mimetype": "text/plain", "content.xml": "<x/>"}), "a.odt"),
        (files.docx_bytes(["ข้อความ"]), "a.xlsx"),  # a DOCX under another name
        (b"\xff\xfe\x00\xd8 binary", "a.txt"),
    ],
)
def test_broken_files_fail_without_raising(data, name):
    assert read(data, name) == file_text.Extracted(Status.FAILED)


def test_an_encrypted_zip_member_fails():
    data = bytearray(files.docx_bytes(["ข้อความ"]))
    # Set the "encrypted" flag on every member, in the local headers and the central directory.
    for signature, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (at := data.find(signature, start)) >= 0:
            data[at + flag_at] |= 0x1
            start = at + 4
    with pytest.raises(RuntimeError), zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        archive.read("word/document.xml")  # what an unchecked reader would run into
    assert read(bytes(data), "a.docx").status == Status.FAILED


# -- the note for editors ------------------------------------------------------------------


def test_every_status_but_ok_has_a_note_for_the_editor():
    assert file_text.status_note(None) == ""
    assert file_text.status_note(FileText(status=Status.OK)) == ""
    assert file_text.status_note(FileText(status=Status.OK, truncated=True))
    with translation.override("en"):
        notes = {status: file_text.status_note(FileText(status=status)) for status in Status.values}
    del notes[Status.OK]
    assert all(notes.values()) and len(set(notes.values())) == len(notes)
    assert "scan" in notes[Status.NO_TEXT]
