"""Word (.docx) uploads built at test time with python-docx: nothing binary is stored.

``thai_report()`` is the document the importer must read in full: Title, headings, bold,
italic, a line break, a https and a ``javascript:`` link, a nested bullet list (numbering
defined the way Word does: a multi-level list with bullet levels), a "List Number" list,
a 3x3 table with Thai headers and a PNG picture with alt text. The other builders are
what must be refused or left out.
"""

import io
import zipfile

import docx
from django.core.files.uploadedfile import SimpleUploadedFile
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from PIL import Image

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ALT = "แผนผังการให้บริการ"
TITLE = "รายงานการให้บริการสาธารณสุข"
HEADERS = ["บริการ", "ช่องทาง", "ระยะเวลา"]
ROWS = [["ฉีดวัคซีน", "โรงพยาบาล", "1 วัน"], ["ตรวจสุขภาพ", "ออนไลน์", ""]]


def picture_bytes(image_format="PNG", colour="navy", size=(24, 16)):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format=image_format)
    return buffer.getvalue()


def upload(document, name="report.docx"):
    buffer = io.BytesIO()
    document.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=DOCX)


def add_hyperlink(paragraph, url, text):
    """A ``w:hyperlink`` to an external address, as Word writes it."""
    rel_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel_id)
    run = OxmlElement("w:r")
    text_element = OxmlElement("w:t")
    text_element.text = text
    run.append(text_element)
    link.append(run)
    paragraph._p.append(link)
    return link


def add_list_numbering(document, formats):
    """A multi-level list (abstractNum + num) with one ``numFmt`` per level; its numId."""
    numbering = document.part.numbering_part.element
    abstract_ids = [
        int(node.get(qn("w:abstractNumId"))) for node in numbering.findall(qn("w:abstractNum"))
    ]
    num_ids = [int(node.get(qn("w:numId"))) for node in numbering.findall(qn("w:num"))]
    abstract_id, num_id = max(abstract_ids, default=0) + 1, max(num_ids, default=0) + 1
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), str(abstract_id))
    for level, number_format in enumerate(formats):
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), str(level))
        fmt = OxmlElement("w:numFmt")
        fmt.set(qn("w:val"), number_format)
        lvl.append(fmt)
        abstract.append(lvl)
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), str(num_id))
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), str(abstract_id))
    num.append(ref)
    # abstractNum elements must come before num elements
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(num)
    return num_id


def list_item(document, text, num_id, level, style="List Paragraph"):
    paragraph = document.add_paragraph(text, style=style)
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = level
    num_pr.get_or_add_numId().val = num_id
    return paragraph


def add_picture(paragraph, data, alt=""):
    inline = paragraph.add_run().add_picture(io.BytesIO(data), width=Cm(2))
    if alt:
        inline._inline.docPr.set("descr", alt)
    return inline


def thai_report_document(core_title=""):
    document = docx.Document()
    document.core_properties.title = core_title
    document.add_paragraph(TITLE, style="Title")
    document.add_heading("ความเป็นมา", level=1)
    intro = document.add_paragraph("หน่วยงานให้บริการ ")
    intro.add_run("ตลอดวัน").bold = True
    intro.add_run(" และ ")
    intro.add_run("ไม่มีค่าใช้จ่าย").italic = True
    intro.add_run(" <script>alert(1)</script>")
    broken = intro.add_run("บรรทัดแรก")
    broken.add_break()
    broken.add_text("บรรทัดที่สอง")
    document.add_heading("ช่องทางติดต่อ", level=2)
    links = document.add_paragraph("ดูที่ ")
    add_hyperlink(links, "https://moph.go.th/บริการ?a=1&b=2", "กระทรวงสาธารณสุข")
    links.add_run(" หรือ ")
    add_hyperlink(links, "javascript:alert(1)", "คลิกที่นี่")
    document.add_heading("รายละเอียด", level=3)
    bullets = add_list_numbering(document, ["bullet", "bullet"])
    list_item(document, "ผู้สูงอายุ", bullets, 0)
    list_item(document, "อายุ 60 ปีขึ้นไป", bullets, 1)
    list_item(document, "ผู้พิการ", bullets, 0)
    document.add_paragraph("ขั้นตอน:")
    document.add_paragraph("ยื่นคำขอ", style="List Number")
    document.add_paragraph("รอผล", style="List Number")
    table = document.add_table(rows=3, cols=3)
    for row, values in zip(table.rows, [HEADERS, *ROWS], strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    picture = document.add_paragraph("ก่อนภาพ ")
    add_picture(picture, picture_bytes(), ALT)
    picture.add_run(" หลังภาพ")
    add_picture(document.add_paragraph(), picture_bytes(), "ภาพเดิมอีกครั้ง")
    document.add_paragraph("")
    document.add_paragraph("จบรายงาน")
    return document


def thai_report(core_title="", name="รายงาน ประจำปี.docx"):
    return upload(thai_report_document(core_title), name)


def add_image_part(document, data, content_type, extension):
    """A picture whose image part holds ``data`` as ``content_type`` (python-docx's
    ``add_picture`` accepts only what it can measure, so the part is swapped in)."""
    paragraph = document.add_paragraph()
    inline = add_picture(paragraph, picture_bytes(colour="red", size=(3, 3)))
    count = len(document.part.package.parts)
    partname = PackURI(f"/word/media/unsupported{count}.{extension}")
    part = Part(partname, content_type, data, document.part.package)
    rel_id = document.part.relate_to(part, RT.IMAGE)
    for blip in inline._inline.iter(qn("a:blip")):
        blip.set(qn("r:embed"), rel_id)
    return paragraph


def unsupported_images():
    """One good PNG, then an EMF, a TIFF and a PNG whose bytes are not a picture."""
    document = docx.Document()
    document.add_paragraph("ภาพที่ใช้ได้")
    add_picture(document.add_paragraph(), picture_bytes(), ALT)
    emf = b"\x01\x00\x00\x00" + b"\x00" * 36 + b" EMF" + b"\x00" * 60
    add_image_part(document, emf, "image/x-emf", "emf")
    add_picture(document.add_paragraph(), picture_bytes("TIFF", "green"))
    add_image_part(document, b"\x89PNG\r\n\x1a\nnot really a picture", "image/png", "png")
    return upload(document, "ภาพ.docx")


def lists_document():
    """Thai numbering with a lettered sub-level, "List Bullet 2", a list removed by numId 0
    (Word's "None"), a one-row table straight after a list, and a headerless table."""
    document = docx.Document()
    thai = add_list_numbering(document, ["thaiNumbers", "thaiLetters"])
    list_item(document, "ข้อหนึ่ง", thai, 0)
    list_item(document, "ข้อย่อย", thai, 1)
    document.add_paragraph("จุดแรก", style="List Bullet")
    document.add_paragraph("จุดย่อย", style="List Bullet 2")
    list_item(document, "ไม่ใช่รายการ", 0, 0, style="List Bullet")
    document.add_paragraph("รายการเดียว", style="List Bullet")
    one_row = document.add_table(rows=1, cols=3)
    for cell, value in zip(one_row.rows[0].cells, ["ก", "", "ค"], strict=True):
        cell.text = value
    headerless = document.add_table(rows=2, cols=2)
    headerless.rows[1].cells[0].text = "ซ้าย"
    headerless.rows[1].cells[1].text = "ขวา"
    return upload(document, "รายการ.docx")


def headings_document():
    """A Title that does not open the document, a Subtitle, Heading 5, a style renamed in
    Thai (its id stays "Heading2"), and a custom style based on Heading 1."""
    document = docx.Document()
    document.add_paragraph("บทนำ")
    document.add_paragraph("ชื่อเรื่องกลางเอกสาร", style="Title")
    document.add_paragraph("ชื่อรอง", style="Subtitle")
    document.add_heading("หัวข้อระดับห้า", level=5)
    document.styles["Heading 2"].name = "หัวเรื่อง 2"
    document.add_paragraph("หัวข้อภาษาไทย", style="หัวเรื่อง 2")
    custom = document.styles.add_style("หัวข้อหน่วยงาน", WD_STYLE_TYPE.PARAGRAPH)
    custom.base_style = document.styles["Heading 1"]
    document.add_paragraph("หัวข้อกำหนดเอง", style=custom)
    document.add_paragraph("   ")
    return upload(document, "หัวข้อ.docx")


def heading_title_only():
    """No Title style and no core title: the page title comes from the first Heading 1."""
    document = docx.Document()
    document.add_paragraph("คำนำ")
    document.add_heading("การฉีดวัคซีน", level=1)
    document.add_paragraph("เนื้อหา")
    return upload(document, "วัคซีน.docx")


def zip_named_docx():
    """An ordinary ZIP (no Word parts) renamed .docx."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "ไม่ใช่เอกสาร Word")
    return SimpleUploadedFile("เอกสาร.docx", buffer.getvalue(), content_type=DOCX)


def damaged_docx():
    """A ZIP with the names of a .docx's parts but XML that is not XML."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types")
        archive.writestr("word/document.xml", "not xml")
    return SimpleUploadedFile("เสียหาย.docx", buffer.getvalue(), content_type=DOCX)


def with_part(upload_file, partname, change):
    """``upload_file`` with the ZIP member ``partname`` replaced by ``change(its bytes)``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(upload_file) as original, zipfile.ZipFile(buffer, "w") as archive:
        for member in original.infolist():
            data = original.read(member)
            archive.writestr(member, change(data) if member.filename == partname else data)
    return SimpleUploadedFile(upload_file.name, buffer.getvalue(), content_type=DOCX)


def picture_in_table():
    document = docx.Document()
    table = document.add_table(rows=2, cols=1)
    table.rows[0].cells[0].text = "ภาพ"
    add_picture(table.rows[1].cells[0].paragraphs[0], picture_bytes(), ALT)
    document.add_paragraph("หลังตาราง")
    return upload(document, "ตาราง.docx")


def named(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)
