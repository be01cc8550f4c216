"""Small, real demo files: PDFs, CSV and XLSX sheets, and Pillow drawings.

Everything is generated, so the demo ships no binaries and needs no network. Drawings are
seeded from their file name, so a given picture looks the same on every machine.
"""

import csv
import io
import random
import zlib
from functools import cache
from pathlib import Path

from openpyxl import Workbook
from PIL import Image, ImageDraw, ImageFont

# Fonts that can draw Thai, if the machine has one (fonts-thai-tlwg, Sarabun, Noto).
THAI_FONT_PATTERNS = ("Sarabun*.ttf", "NotoSansThai*.ttf", "Garuda.ttf", "Loma.ttf", "Waree.ttf")
FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))

PALETTE = ["#0b6e4f", "#2a9d8f", "#e9c46a", "#f4a261", "#e76f51", "#457b9d", "#8d5fd3"]
PASTELS = ["#e9f5f2", "#fdf3d8", "#fde8e1", "#e6eef6", "#efe7fa"]
SKIN_TONES = ["#f1c27d", "#e0ac69", "#c68642", "#ffdbac"]


# -- documents ------------------------------------------------------------------------


def _pdf_text(text):
    """Printable ASCII only: the standard Helvetica font has no Thai glyphs."""
    safe = text.encode("ascii", "replace").decode("ascii")
    return safe.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _pdf_utf16(text):
    """A PDF text string in UTF-16BE, so the Thai title shows in the reader's title bar."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def pdf_bytes(title, lines):
    """A one-page PDF with ``lines`` of text and ``title`` in its document information."""
    text_ops = " ".join(f"({_pdf_text(line)}) Tj T*" for line in lines)
    stream = zlib.compress(f"BT /F1 12 Tf 16 TL 72 770 Td {text_ops} ET".encode("ascii"))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        f"<< /Title {_pdf_utf16(title)} /Producer (moit-wagtail demo) >>".encode("ascii"),
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref_at = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, len(objects), xref_at)
    )
    return out.getvalue()


def csv_bytes(rows):
    """UTF-8 with a byte-order mark, so Excel opens the Thai text correctly."""
    text = io.StringIO()
    csv.writer(text).writerows(rows)
    return text.getvalue().encode("utf-8-sig")


def xlsx_bytes(rows, sheet_title="data"):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# -- images ---------------------------------------------------------------------------


@cache
def thai_font_path():
    for directory in FONT_DIRS:
        for pattern in THAI_FONT_PATTERNS:
            found = sorted(directory.rglob(pattern)) if directory.is_dir() else []
            if found:
                return str(found[0])
    return None


def _split_in_two(text):
    """Break a long name at the space nearest its middle (Thai names have a few spaces)."""
    spaces = [index for index, char in enumerate(text) if char == " "]
    if not spaces:
        return text
    middle = min(spaces, key=lambda index: abs(index - len(text) / 2))
    return text[:middle] + "\n" + text[middle + 1 :]


def _label(draw, box, text, size=22):
    """Centre ``text`` in ``box`` when a Thai font exists (else leave the box plain),
    on two lines and in a smaller size if that is what it takes to fit."""
    path = thai_font_path()
    if not path or not text:
        return
    left, top, right, bottom = box
    for candidate in (text, _split_in_two(text)):
        for font_size in range(size, 11, -2):
            font = ImageFont.truetype(path, font_size)
            x0, y0, x1, y1 = draw.multiline_textbbox((0, 0), candidate, font=font, align="center")
            if x1 - x0 <= right - left - 12 and y1 - y0 <= bottom - top - 8:
                centre = ((left + right) / 2, (top + bottom) / 2)
                draw.multiline_text(
                    centre, candidate, font=font, fill="#1d3557", anchor="mm", align="center"
                )
                return


def _encode(image, fmt):
    out = io.BytesIO()
    image.save(out, format=fmt, **({"quality": 82} if fmt == "JPEG" else {"optimize": True}))
    return out.getvalue()


def org_chart(labels):
    """Head box on top, one box per group below it, joined by lines."""
    head, *groups = labels
    per_row = min(4, len(groups)) or 1
    width, height = 1200, 280 + -(-len(groups) // per_row) * 170
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    head_box = (width / 2 - 220, 50, width / 2 + 220, 150)
    draw.rounded_rectangle(head_box, 16, fill="#d8f3dc", outline="#0b6e4f", width=4)
    _label(draw, head_box, head, 26)
    box_width = (width - 80) / per_row - 30
    draw.line((width / 2, 150, width / 2, 220), fill="#0b6e4f", width=4)
    for index, text in enumerate(groups):
        row, column = divmod(index, per_row)
        left = 40 + column * (box_width + 30) + 15
        top = 260 + row * 170
        box = (left, top, left + box_width, top + 100)
        centre = (box[0] + box[2]) / 2
        draw.line((width / 2, 220, centre, 220), fill="#0b6e4f", width=4)
        draw.line((centre, 220 if row == 0 else top - 70, centre, top), fill="#0b6e4f", width=4)
        draw.rounded_rectangle(
            box, 12, fill=PASTELS[index % len(PASTELS)], outline="#2a9d8f", width=3
        )
        _label(draw, box, text, 20)
    return _encode(image, "PNG")


def avatar(seed):
    """A friendly illustrated portrait: coloured background, head and shoulders."""
    rng = random.Random(seed)
    image = Image.new("RGB", (400, 400), rng.choice(PALETTE))
    draw = ImageDraw.Draw(image)
    draw.ellipse((70, 250, 330, 520), fill=rng.choice(["#1d3557", "#f1faee", "#264653"]))
    draw.polygon([(170, 260), (230, 260), (200, 330)], fill="white")
    draw.ellipse((125, 90, 275, 250), fill=rng.choice(SKIN_TONES))
    draw.chord((120, 70, 280, 200), 180, 360, fill=rng.choice(["#222222", "#4a3728", "#777777"]))
    for eye_x in (170, 230):
        draw.ellipse((eye_x - 8, 160, eye_x + 8, 176), fill="#222222")
    draw.arc((165, 180, 235, 225), 20, 160, fill="#7a2e2e", width=4)
    return _encode(image, "JPEG")


def activity_photo(seed):
    """A colourful scene of people at an outdoor health activity, under a banner."""
    rng = random.Random(seed)
    width, height = 960, 600
    image = Image.new("RGB", (width, height), "#a8dadc")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 380, width, height), fill=rng.choice(["#95d5b2", "#b7e4c7", "#d4a373"]))
    sun_x = rng.randint(650, 880)
    draw.ellipse((sun_x, 40, sun_x + 90, 130), fill="#ffd166")
    draw.rectangle((200, 90, 760, 170), fill=rng.choice(PALETTE), outline="white", width=4)
    draw.rectangle((120, 250, 840, 270), fill="#8d99ae")  # tent roof line
    for _ in range(rng.randint(6, 10)):
        x = rng.randint(40, width - 80)
        y = rng.randint(330, 470)
        draw.rectangle((x, y + 40, x + 44, y + 130), fill=rng.choice(PALETTE))
        draw.ellipse((x + 6, y, x + 38, y + 36), fill=rng.choice(SKIN_TONES))
    return _encode(image, "JPEG")


def illustration(seed):
    """A flat health icon (a cross in a circle) for news and knowledge items."""
    rng = random.Random(seed)
    image = Image.new("RGB", (800, 450), rng.choice(PALETTE))
    draw = ImageDraw.Draw(image)
    draw.ellipse((275, 100, 525, 350), fill="white")
    colour = rng.choice(["#e63946", "#0b6e4f", "#1d3557"])
    draw.rectangle((370, 140, 430, 310), fill=colour)
    draw.rectangle((315, 195, 485, 255), fill=colour)
    for _ in range(12):
        x, y = rng.randint(0, 800), rng.randint(0, 450)
        draw.ellipse((x, y, x + 14, y + 14), fill="#f1faee")
    return _encode(image, "PNG")


def image_bytes(drawing, seed, labels=()):
    """(bytes, extension) of one demo drawing: org_chart, avatar, photo or illustration."""
    if drawing == "org_chart":
        return org_chart(labels), "png"
    if drawing == "avatar":
        return avatar(seed), "jpg"
    if drawing == "photo":
        return activity_photo(seed), "jpg"
    return illustration(seed), "png"
