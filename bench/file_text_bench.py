"""Attachment text throughput: pages of Thai PDF per second, DOCX and XLSX characters per second.

At the start it builds real files: a ``--pages``-page Thai PDF typeset by WeasyPrint in
Sarabun (the evidence renderer: about 2,000 characters of announcement, procurement and HR
phrases a page), and a DOCX and an XLSX holding the same text (``tests/file_text_files.py``).
Then it times ``file_text.extract`` on each, in this process, median of ``--repeat`` runs
after one warm-up. The character cap is lifted for the run so every page is read (with the
default 200,000-character cap a file stops after about 100 such pages).

With ``--save`` (default on) it also times what an editor waits for when uploading that PDF:
saving the document with the text read in the background (the default) and inline
(``MOIT_FILE_TEXT_IN_BACKGROUND = False``), median of ``--repeat`` saves each, in a throwaway
SQLite database (migrating it takes a while; ``--no-save`` skips this part).
"""

import argparse
import functools
import json
import logging
import os
import random
import statistics
import sys
import tempfile
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PHRASES = [
    "ประกาศสำนักงานสาธารณสุขจังหวัด เรื่อง ผลการจัดซื้อจัดจ้างวัสดุการแพทย์ประจำปีงบประมาณ 2567",
    "คู่มือการปฏิบัติงานด้านการป้องกันและปราบปรามการทุจริตและประพฤติมิชอบ",
    "คำสั่งแต่งตั้งคณะกรรมการตรวจรับพัสดุ โรงพยาบาลส่งเสริมสุขภาพตำบล",
    "รายงานผลการดำเนินงานตามแผนปฏิบัติราชการ ไตรมาสที่ 2",
    "ประกาศรับสมัครบุคคลเพื่อเลือกสรรเป็นพนักงานราชการ ตำแหน่งนักวิชาการสาธารณสุข",
    "มาตรการป้องกันโรคไข้เลือดออกในชุมชน และการเฝ้าระวังผู้ป่วยโรคเบาหวาน",
    "การเปิดเผยข้อมูลสาธารณะตามพระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ. 2540",
]


def setup(work):
    sys.path[:0] = [str(ROOT / "site"), str(ROOT)]
    os.environ.update(
        DJANGO_SETTINGS_MODULE="moit_site.settings",
        DJANGO_DEBUG="1",
        DJANGO_MEDIA_ROOT=str(work / "media"),
        DJANGO_CACHE_DIR=str(work / "cache"),
        DJANGO_LOG_LEVEL="WARNING",
    )
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{work / 'file-text.sqlite3'}")
    import django

    django.setup()
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    from django.conf import settings

    settings.MOIT_FILE_TEXT_MAX_CHARS = 10**9
    settings.MOIT_FILE_TEXT_MAX_PAGES = 10**6


def page_texts(pages, rng, chars=2000):
    texts = []
    for _ in range(pages):
        words = []
        while sum(len(word) + 1 for word in words) < chars:
            words.append(rng.choice(PHRASES))
        texts.append(" ".join(words))
    return texts


def timed(function, repeat):
    function()  # warm-up: imports, caches
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def read(data, name):
    from moit_wagtail.search import file_text

    return file_text.extract(BytesIO(data), name)


def throughput(files, repeat):
    rows = []
    for kind, (name, data, pages) in files.items():
        seconds, result = timed(functools.partial(read, data, name), repeat)
        assert result.status == "ok", (kind, result.status)
        rows.append(
            {
                "kind": kind,
                "bytes": len(data),
                "pages": pages,
                "chars": len(result.text),
                "seconds": seconds,
                "pages_per_second": pages / seconds if pages else None,
                "chars_per_second": len(result.text) / seconds,
            }
        )
    return rows


def save_times(pdf, repeat):
    """What the upload waits for: saving the document, background reading vs inline."""
    from django.conf import settings
    from django.core.management import call_command

    from moit_wagtail.search import file_text_jobs
    from tests.factories import make_document

    call_command("migrate", verbosity=0)
    results = {}
    for mode, background in (("background", True), ("inline", False)):
        settings.MOIT_FILE_TEXT_IN_BACKGROUND = background
        times = []
        for number in range(repeat):
            # Each save a new file (a new hash), so each one is really read.
            data = pdf + f"\n% {mode} {number}\n".encode()
            started = time.perf_counter()
            make_document(f"ประกาศ-{mode}-{number}.pdf", data)
            times.append(time.perf_counter() - started)
            assert file_text_jobs.wait_for_idle(timeout=600)
        results[mode] = statistics.median(times)
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__, allow_abbrev=False)
    parser.add_argument("--pages", type=int, default=40, help="pages of the Thai PDF")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per file")
    parser.add_argument("--no-save", action="store_true", help="skip the upload save timing")
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="moit-file-text-") as work:
        setup(Path(work))
        from tests import file_text_files

        texts = page_texts(args.pages, random.Random(2569))
        started = time.perf_counter()
        pdf = file_text_files.thai_pdf(texts)
        built = time.perf_counter() - started
        files = {
            "pdf": ("ประกาศ.pdf", pdf, args.pages),
            "docx": ("ประกาศ.docx", file_text_files.docx_bytes(texts), None),
            "xlsx": ("ประกาศ.xlsx", file_text_files.xlsx_bytes([[t] for t in texts]), None),
        }
        rows = throughput(files, args.repeat)
        saves = None if args.no_save else save_times(pdf, args.repeat)

    print(f"\n== Attachment text ({args.pages}-page Thai PDF built in {built:.1f} s)")
    print(f"{'file':>6}{'kB':>8}{'chars':>10}{'ms (p50)':>10}{'pages/s':>10}{'chars/s':>12}")
    for row in rows:
        pages = f"{row['pages_per_second']:.1f}" if row["pages"] else "-"
        print(
            f"{row['kind']:>6}{row['bytes'] / 1024:>8.0f}{row['chars']:>10,}"
            f"{row['seconds'] * 1000:>10.0f}{pages:>10}{row['chars_per_second']:>12,.0f}"
        )
    if saves:
        print(f"\nUploading the {args.pages}-page PDF (saving the document, p50):")
        for mode, seconds in saves.items():
            print(f"  text read {mode:<10} {seconds * 1000:8.0f} ms")
    if args.json:
        Path(args.json).write_text(
            json.dumps({"pages": args.pages, "files": rows, "save_seconds": saves}, indent=2)
        )


if __name__ == "__main__":
    main()
