"""Seed 1.8 demo content, part two: job and procurement announcements and their results.

Announcements whose closing date passed long ago end their publication in the past, so
the load shows Wagtail unpublishing them (seed 3.2: take down what has run its course).
Monthly summaries are named by month, so a load in a later month adds that month's.
"""

import datetime
import zlib
from decimal import Decimal

from moit_wagtail.pages.models import (
    JobAnnouncementPage,
    ProcurementAnnouncementPage,
    ProcurementResultPage,
)

from .specs import Doc, Item, Sibling, days_ago, html, since, today

THAI_MONTHS = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)  # fmt: skip
SKHR1_HEADER = (
    "ลำดับที่", "งานที่จัดซื้อหรือจัดจ้าง", "วงเงินที่จะซื้อหรือจ้าง", "ราคากลาง",
    "วิธีซื้อหรือจ้าง", "รายชื่อผู้เสนอราคาและราคาที่เสนอ",
    "ผู้ได้รับการคัดเลือกและราคาที่ตกลงซื้อหรือจ้าง", "เหตุผลที่คัดเลือกโดยสังเขป",
    "เลขที่และวันที่ของสัญญาหรือข้อตกลง",
)  # fmt: skip
SUPPLIERS = ("ห้างหุ้นส่วนจำกัด สุขใจเวชภัณฑ์", "บริษัท นาสุขสันต์การแพทย์ จำกัด", "ร้านสุขใจครุภัณฑ์")


def job(unit, slug, position, employment_type, opens_days_ago, published, **extra):
    title = f"ประกาศรับสมัครบุคคลเพื่อเลือกสรรเป็น{employment_type} ตำแหน่ง{position}"
    return Item(
        JobAnnouncementPage,
        slug,
        title,
        f"{unit.name_th} รับสมัคร{employment_type} ตำแหน่ง{position} จำนวน 1 อัตรา",
        unit.owner("hr"),
        fields={
            "position": position,
            "vacancies": 1,
            "employment_type": employment_type,
            "application_opens": days_ago(opens_days_ago),
            "application_closes": days_ago(opens_days_ago - 14),
            "how_to_apply": html(
                "คุณสมบัติ: สำเร็จการศึกษาตามที่ตำแหน่งกำหนด มีสัญชาติไทย",
                f"สมัครด้วยตนเองที่{unit.owner('hr')} {unit.name_th} ในวันและเวลาราชการ",
            ),
        },
        attachments=(Doc(f"{title} ({unit.short_name})", f"{slug}.pdf"),),
        published_days_ago=published,
        period=(days_ago(opens_days_ago), days_ago(opens_days_ago - 14)),
        **extra,
    )


def jobs(unit):
    # Closed long ago: the end of publication is in the past, so it is taken down.
    closed = job(unit, "job-driver", "พนักงานขับรถยนต์", "ลูกจ้างชั่วคราว", 330, 335,
                 expired_days_ago=290)  # fmt: skip
    if unit.unit_type == "hospital":
        return [closed, job(unit, "job-nurse", "พยาบาลวิชาชีพ", "ลูกจ้างชั่วคราว", 5, 7)]
    if unit.is_provincial:
        return [closed, job(unit, "job-public-health", "นักวิชาการสาธารณสุข", "พนักงานราชการ", 9, 10)]
    return [closed, job(unit, "job-data-entry", "พนักงานบันทึกข้อมูล", "ลูกจ้างชั่วคราว", 12, 13)]


def egp_number(slug, method):
    """A fictional but stable e-GP project number; the specific method has none here."""
    return "" if method == "specific" else f"69{zlib.crc32(slug.encode()) % 10**9:09d}"


def tender(unit, slug, subject, method, budget, published, **extra):
    return Item(
        ProcurementAnnouncementPage,
        slug,
        f"ประกาศเชิญชวน{subject}",
        f"{unit.name_th} ประกาศ{subject} วงเงินงบประมาณ {budget:,} บาท",
        unit.owner("general"),
        fields={
            "method": method,
            "egp_number": egp_number(slug, method),
            "budget": Decimal(budget),
            "reference_price": Decimal(budget) * Decimal("0.98"),
            "bid_closes": days_ago(published - 14),
            "body": html("ผู้สนใจดูรายละเอียดและยื่นข้อเสนอผ่านระบบการจัดซื้อจัดจ้างภาครัฐ (e-GP)"),
        },
        attachments=(Doc(f"ประกาศและเอกสารประกวดราคา {subject}", f"{slug}.pdf"),),
        published_days_ago=published,
        period=(days_ago(published), days_ago(published - 14)),
        **extra,
    )


def winner(unit, slug, tender_slug, subject, supplier, amount, published):
    return Item(
        ProcurementResultPage,
        slug,
        f"ประกาศผู้ชนะการเสนอราคา {subject}",
        f"ผู้ได้รับการคัดเลือก: {supplier} ราคา {amount:,} บาท",
        unit.owner("general"),
        fields={
            "result_kind": "winner",
            "announcement": Sibling(tender_slug),
            "winner": supplier,
            "contract_amount": Decimal(amount),
        },
        attachments=(Doc(f"ประกาศผู้ชนะ {subject}", f"{slug}.pdf"),),
        published_days_ago=published,
    )


def month_start(months_back):
    first = today().replace(day=1)
    for _ in range(months_back):
        first = (first - datetime.timedelta(days=1)).replace(day=1)
    return first


def monthly_summary(unit, months_back):
    """แบบ สขร.1 for one month, published early in the following month."""
    start = month_start(months_back)
    end = month_start(months_back - 1) - datetime.timedelta(days=1)
    label = f"{THAI_MONTHS[start.month - 1]} {start.year + 543}"
    rows = [SKHR1_HEADER] + [
        (number, item, f"{price:,}", f"{price:,}", "เฉพาะเจาะจง", f"{supplier} {price:,} บาท",
         f"{supplier} {price:,} บาท", "ราคาต่ำสุดและคุณสมบัติครบถ้วน",
         f"{number}/{start.year + 543} ลว. {min(number * 7, 28)} {label}")
        for number, (item, price, supplier) in enumerate(
            (("วัสดุการแพทย์", 48_500, SUPPLIERS[0]), ("วัสดุสำนักงาน", 12_300, SUPPLIERS[2]),
             ("ซ่อมบำรุงรถพยาบาล", 26_800, SUPPLIERS[1])), start=1)
    ]  # fmt: skip
    return Item(
        ProcurementResultPage,
        f"skhr1-{start:%Y-%m}",
        f"สรุปผลการจัดซื้อจัดจ้างประจำเดือน{label} (แบบ สขร.1)",
        f"สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน{label}",
        unit.owner("general"),
        fields={"result_kind": "monthly_summary", "body": html("รายละเอียดตามแบบ สขร.1 ที่แนบ")},
        attachments=(Doc(f"แบบ สขร.1 เดือน{label}", f"skhr1-{start:%Y-%m}.csv", tuple(rows)),),
        published_days_ago=since(end + datetime.timedelta(days=5)),
        period=(start, end),
    )


def procurement(unit):
    result = [
        tender(unit, "tender-medical-supplies", "ซื้อวัสดุการแพทย์ จำนวน 12 รายการ", "e_market",
               480_000, 70),
        winner(unit, "winner-medical-supplies", "tender-medical-supplies",
               "ซื้อวัสดุการแพทย์ จำนวน 12 รายการ", SUPPLIERS[1], 455_000, 50),
        monthly_summary(unit, 1),
    ]  # fmt: skip
    if unit.is_provincial:
        result[:0] = [
            tender(unit, "tender-ambulance", "ซื้อรถพยาบาล (รถตู้) พร้อมอุปกรณ์ จำนวน 1 คัน",
                   "e_bidding", 2_450_000, 400, expired_days_ago=300),
            winner(unit, "winner-ambulance", "tender-ambulance",
                   "ซื้อรถพยาบาล (รถตู้) พร้อมอุปกรณ์ จำนวน 1 คัน", SUPPLIERS[1], 2_390_000, 370),
        ]  # fmt: skip
        result += [monthly_summary(unit, 2), monthly_summary(unit, 3)]
    return result


def items(unit):
    return jobs(unit) + procurement(unit)
