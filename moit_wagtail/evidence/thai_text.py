"""Repair the text layer of a WeasyPrint PDF so that Thai copies, searches and extracts as typed.

Why this exists: the page looks right (HarfBuzz shapes it), but the text behind it does not.
WeasyPrint writes each glyph id as the character code and maps every code to Unicode once per
font, from the first place the glyph was used. Thai breaks that twice:

* HarfBuzz always splits SARA AM (ำ) into NIKHAHIT + SARA AA, so the SARA AA glyph stands for
  "า" in one word and for "ำ" in the next, and whichever comes first wins for the whole
  document: "สำนักงาน" extracted as "สำนักงำน", or "ลำดับ" as "ลาดับ".
* When a tone mark comes before SARA AM ("น้ำ"), the cluster is merged (and Sarabun draws the
  NIKHAHIT and tone mark as one ligature), so glyphs get mapped to nothing or to the wrong text.

The repair, on the finished PDF, page unchanged: (1) each Thai glyph maps to the text it draws,
read from the source font's cmap and GSUB (variants and ligatures); (2) in each SARA AM run the
NIKHAHIT glyph (or NIKHAHIT + tone ligature) and the SARA AA glyph are rewritten to new
character codes that the font's CIDToGIDMap sends to the same glyphs and ToUnicode reads as
"" (or the tone mark) and "ำ". pypdf, pdftotext and PDF viewers then read back what was typed.
"""

import io
import re
from functools import lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, NameObject, NumberObject, StreamObject

NIKHAHIT, SARA_AA, SARA_AM = "\u0e4d", "\u0e32", "\u0e33"
THAI_BLOCK = range(0x0E00, 0x0E80)
GDEF_MARK = 3
BFCHAR = re.compile(rb"<([0-9a-fA-F]{4})>\s*<([0-9a-fA-F]*)>")


@lru_cache(maxsize=8)
def glyph_texts(font_file: Path, mtime: float) -> tuple[str, dict[int, str], frozenset[int]]:
    """PostScript name, ``{glyph id: Thai text it draws}`` and the mark glyph ids of a font.

    Text comes from the cmap, then from GSUB substitutions (a variant draws the text of its
    source glyph, a ligature the text of its components), repeated until nothing is added.
    """
    font = TTFont(font_file, lazy=True)
    texts = {name: chr(cp) for cp, name in font.getBestCmap().items() if cp in THAI_BLOCK}
    subtables = []
    for lookup in font["GSUB"].table.LookupList.Lookup if "GSUB" in font else ():
        for subtable in lookup.SubTable:
            subtables.append(subtable.ExtSubTable if lookup.LookupType == 7 else subtable)
    while True:
        found = _substituted_texts(subtables, texts)
        if not found:
            break
        texts.update(found)
    classes = font["GDEF"].table.GlyphClassDef.classDefs if "GDEF" in font else {}
    return (
        font["name"].getDebugName(6),
        {font.getGlyphID(name): text for name, text in texts.items()},
        frozenset(font.getGlyphID(name) for name, kind in classes.items() if kind == GDEF_MARK),
    )


def _substituted_texts(subtables, texts):
    """``{glyph: text}`` for glyphs that a substitution makes out of glyphs of known text."""
    found = {}
    for subtable in subtables:
        if subtable.LookupType == 1:  # single: a variant
            rules = [(target, [source]) for source, target in subtable.mapping.items()]
        elif subtable.LookupType == 3:  # alternate: variants
            rules = [(t, [source]) for source, ts in subtable.alternates.items() for t in ts]
        elif subtable.LookupType == 4:  # ligature: its components, in order
            rules = [
                (ligature.LigGlyph, [first, *ligature.Component])
                for first, ligatures in subtable.ligatures.items()
                for ligature in ligatures
            ]
        else:  # contextual lookups only call the lookups above
            continue
        for glyph, parts in rules:
            if glyph not in texts and all(part in texts for part in parts):
                found.setdefault(glyph, "".join(texts[part] for part in parts))
    return found


class FontRepair:
    """The repair of one embedded font (a Type0 font over a TrueType subset with its original
    glyph ids, as WeasyPrint writes it) whose source font file is known."""

    def __init__(self, font, embedded, texts, marks):
        self.font = font
        self.texts = texts
        self.marks = marks
        self.descendant = font["/DescendantFonts"][0].get_object()
        self.first_alias = embedded["maxp"].numGlyphs
        self.aliases = {}  # (glyph id, text) -> new code
        self.can_alias = (
            font.get("/Encoding") == "/Identity-H"
            and self.descendant.get("/CIDToGIDMap") == "/Identity"
        )

    def alias(self, glyph, text):
        return self.aliases.setdefault((glyph, text), self.first_alias + len(self.aliases))

    def alias_sara_am(self, codes):
        """Give each SARA AM run in ``codes`` (one font's codes in page order) its own codes;
        True if there was any."""
        found = False
        for start, code in enumerate(codes if self.can_alias else ()):
            if NIKHAHIT not in self.texts.get(code, ""):
                continue
            end = start + 1
            while end < len(codes) and codes[end] in self.marks:
                end += 1
            if end < len(codes) and self.texts.get(codes[end]) == SARA_AA:
                codes[start] = self.alias(code, self.texts[code].replace(NIKHAHIT, ""))
                codes[end] = self.alias(codes[end], SARA_AM)
                found = True
        return found

    def write(self, writer):
        to_unicode = self.font["/ToUnicode"].get_object()
        mapping = {
            int(code, 16): bytes.fromhex(text.decode()).decode("utf-16-be")
            for code, text in BFCHAR.findall(to_unicode.get_data())
        }
        mapping.update({code: self.texts[code] for code in mapping if code in self.texts})
        mapping.update({code: text for (_, text), code in self.aliases.items()})
        to_unicode.set_data(_to_unicode_cmap(mapping))
        if self.aliases:
            self._write_aliases(writer)

    def _write_aliases(self, writer):
        glyphs = list(range(self.first_alias)) + [glyph for glyph, _ in self.aliases]
        cid_to_gid = StreamObject()
        cid_to_gid.set_data(b"".join(glyph.to_bytes(2, "big") for glyph in glyphs))
        self.descendant[NameObject("/CIDToGIDMap")] = writer._add_object(cid_to_gid.flate_encode())
        widths = _widths(self.descendant.get("/W", []))
        extra = ArrayObject()
        for (glyph, _), code in self.aliases.items():
            extra.extend([NumberObject(code), ArrayObject([widths.get(glyph, NumberObject(0))])])
        self.descendant[NameObject("/W")] = ArrayObject([*self.descendant.get("/W", []), *extra])


def _widths(w_array):
    """``{cid: width}`` from a /W array (``c [w1 w2 ...]`` and ``c_first c_last w`` forms)."""
    widths, items, i = {}, list(w_array), 0
    while i < len(items):
        if isinstance(items[i + 1], list):
            widths.update({items[i] + n: width for n, width in enumerate(items[i + 1])})
            i += 2
        else:
            widths.update(dict.fromkeys(range(items[i], items[i + 1] + 1), items[i + 2]))
            i += 3
    return widths


def _to_unicode_cmap(mapping):
    lines = [f"<{code:04x}> <{text.encode('utf-16-be').hex()}>" for code, text in mapping.items()]
    lines.sort()
    blocks = "".join(
        f"{len(lines[i : i + 100])} beginbfchar\n" + "\n".join(lines[i : i + 100]) + "\nendbfchar\n"
        for i in range(0, len(lines), 100)
    )
    return (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <ffff>\nendcodespacerange\n"
        f"{blocks}endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    ).encode()


def _font_key(reference):
    """A hashable identity for a font dictionary, shared by every page that uses it."""
    if hasattr(reference, "idnum"):
        return reference.idnum, reference.generation
    return id(reference)


def _fonts(resources):
    """``{resource name: (key, font dictionary)}`` of a resource dictionary's fonts."""
    fonts = resources.get("/Font", {}) if resources else {}
    return {name: (_font_key(fonts.raw_get(name)), fonts[name]) for name in fonts}


def _embedded_font(font):
    """The TrueType program embedded in a Type0 font, or None."""
    if font.get("/Subtype") != "/Type0":
        return None
    descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
    if "/FontFile2" not in descriptor:
        return None
    embedded = TTFont(io.BytesIO(descriptor["/FontFile2"].get_data()), lazy=True)
    return embedded if "name" in embedded and "maxp" in embedded else None


def _repair_for(font, sources):
    """A FontRepair if ``font`` embeds a subset of one of the ``sources`` that kept its glyph
    ids (its own cmap agrees with the source's), else None: never guess at another font."""
    embedded = _embedded_font(font)
    if embedded is None or (source := sources.get(embedded["name"].getDebugName(6))) is None:
        return None
    texts, marks = source
    cmap = embedded.getBestCmap() or {}
    thai = {embedded.getGlyphID(name): chr(cp) for cp, name in cmap.items() if cp in THAI_BLOCK}
    if not thai or any(texts.get(glyph) != char for glyph, char in thai.items()):
        return None
    return FontRepair(font, embedded, texts, marks)


def _content_streams(page):
    """``(stream, resources)`` for the page's content and the form XObjects it draws."""
    contents = page.get("/Contents")
    contents = contents.get_object() if contents is not None else []
    streams = contents if isinstance(contents, list) else [contents]
    found = [(stream.get_object(), page.get("/Resources")) for stream in streams]
    pending = [page.get("/Resources")]
    seen = set()
    while pending:
        resources = pending.pop()
        for name in resources.get("/XObject", {}) if resources else ():
            xobject = resources["/XObject"][name]
            key = _font_key(resources["/XObject"].raw_get(name))
            if xobject.get("/Subtype") == "/Form" and key not in seen:
                seen.add(key)
                found.append((xobject, xobject.get("/Resources")))
                pending.append(xobject.get("/Resources"))
    return found


# WeasyPrint writes glyphs as hex strings inside BT ... ET and selects fonts with Tf; the font
# stays selected across text objects. Nothing else in its content streams looks like these.
TOKENS = re.compile(rb"\bBT\b|\bET\b|/([^\s/<>\[\]()%{}]+)\s+[-+]?[\d.]+\s+Tf\b|<([0-9a-fA-F]*)>")


def _alias_stream(stream, resources, repairs):
    """Rewrite the SARA AM runs drawn by one content stream; True if anything changed."""
    fonts = _fonts(resources)
    data = stream.get_data()
    in_text, current, by_font = False, None, {}
    for match in TOKENS.finditer(data):
        token, font_name, hex_string = match[0], match[1], match[2]
        if token in (b"BT", b"ET"):
            in_text = token == b"BT"
        elif font_name is not None:
            entry = fonts.get("/" + font_name.decode("latin-1"))
            current = repairs.get(entry[0]) if entry else None
        elif in_text and current and len(hex_string) % 4 == 0:
            codes = [int(hex_string[i : i + 4], 16) for i in range(0, len(hex_string), 4)]
            by_font.setdefault(current, []).append((match.span(2), codes))
    edits = []
    for repair, strings in by_font.items():
        flat = [code for _, codes in strings for code in codes]
        if not repair.alias_sara_am(flat):
            continue
        position = 0
        for span, codes in strings:
            new = flat[position : position + len(codes)]
            position += len(codes)
            if new != codes:
                edits.append((span, "".join(f"{code:04x}" for code in new).encode()))
    for (start, end), replacement in sorted(edits, reverse=True):
        data = data[:start] + replacement + data[end:]
    if edits:
        stream.set_data(data)
    return bool(edits)


def repair_thai_text(pdf: bytes, font_files) -> bytes:
    """``pdf`` (as WeasyPrint writes it) with a text layer that reads back the Thai it shows.

    ``font_files`` are the source files of the fonts the PDF may embed; an embedded font is
    matched to one by PostScript name, and fonts without a match are left as they are.
    """
    sources = {}
    for font_file in map(Path, font_files):
        name, texts, marks = glyph_texts(font_file, font_file.stat().st_mtime)
        sources[name] = texts, marks
    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    streams = [found for page in writer.pages for found in _content_streams(page)]
    repairs = {}
    for _, resources in streams:
        for key, font in _fonts(resources).values():
            if key not in repairs:
                repairs[key] = _repair_for(font, sources)
    repairs = {key: repair for key, repair in repairs.items() if repair}
    if not repairs:
        return pdf
    for stream, resources in streams:
        _alias_stream(stream, resources, repairs)
    for repair in repairs.values():
        repair.write(writer)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()
