"""Seed 1.9 (electronic services) and 1.10 (satisfaction results) demo content.

Services a unit runs itself point at fictional ``example.go.th`` addresses; national
services point at the real public websites.
"""

import datetime
from decimal import Decimal

from moit_wagtail.pages.models import EServicePage, SatisfactionReportPage

from .specs import Doc, Item, fy_period, html, latest_fiscal_year, since


def eservice(unit, slug, title, summary, url, how_to_use, published, owner="digital"):
    return Item(
        EServicePage,
        slug,
        title,
        summary,
        unit.owner(owner),
        fields={"service_url": url, "how_to_use": html(*how_to_use)},
        published_days_ago=published,
    )


def eservice_items(unit):
    own = f"https://eservice.example.go.th/{unit.code}"
    result = [
        eservice(
            unit, "online-complaints", "ระบบรับเรื่องร้องเรียนและแจ้งเบาะแสการทุจริตออนไลน์",
            "ร้องเรียนการให้บริการหรือแจ้งเบาะแสการทุจริต พร้อมติดตามสถานะเรื่องได้ด้วยเลขรับ",
            f"{own}/complaints",
            ("กรอกแบบฟอร์ม ระบุเรื่องและช่องทางติดต่อกลับ (ไม่ระบุชื่อได้)",
             "รับเลขรับเรื่องทางอีเมลหรือ SMS และใช้ติดตามผลการดำเนินการ"), 300, "general",
        ),
    ]  # fmt: skip
    if unit.is_provincial:
        result += [
            eservice(
                unit, "online-licensing", "ระบบยื่นคำขออนุญาตสถานพยาบาลและร้านขายยาออนไลน์",
                "ยื่นคำขอ แนบเอกสาร และติดตามผลการพิจารณาอนุญาตผ่านระบบออนไลน์",
                f"{own}/licensing",
                ("ลงทะเบียนผู้ประกอบการด้วยบัตรประจำตัวประชาชน",
                 "เลือกประเภทคำขอ แนบเอกสาร และติดตามสถานะคำขอ"), 210, "consumer",
            ),
            eservice(
                unit, "nhso-rights-check", "ตรวจสอบสิทธิหลักประกันสุขภาพ",
                "ลิงก์ไปยังบริการตรวจสอบสิทธิการรักษาพยาบาลของสำนักงานหลักประกันสุขภาพแห่งชาติ",
                "https://www.nhso.go.th/",
                ("เลือกเมนูตรวจสอบสิทธิ และกรอกเลขประจำตัวประชาชน 13 หลัก",), 150, "insurance",
            ),
        ]  # fmt: skip
    elif unit.unit_type == "hospital":
        result.append(
            eservice(
                unit, "online-appointments", "ระบบจองคิวรับบริการผู้ป่วยนอกออนไลน์",
                "จองวันและเวลารับบริการล่วงหน้า ลดเวลารอที่โรงพยาบาล",
                f"{own}/appointments",
                ("ยืนยันตัวตนด้วยเลขประจำตัวประชาชนและเบอร์โทรศัพท์",
                 "เลือกคลินิก วัน และเวลา แล้วแสดงหน้าจอยืนยันที่จุดคัดกรอง"), 100, "nursing",
            )
        )  # fmt: skip
    else:
        result.append(
            eservice(
                unit, "online-information-request", "ระบบขอข้อมูลข่าวสารของราชการออนไลน์",
                "ยื่นคำขอข้อมูลข่าวสารตามมาตรา 11 และรับผลทางอีเมล",
                f"{own}/information-requests",
                ("กรอกแบบคำขอและแนบสำเนาบัตรประจำตัวประชาชน",), 160, "general",
            )
        )  # fmt: skip
    return result


def half_year(year, second):
    """The first (Oct-Mar) or second (Apr-Sep) half of a fiscal year."""
    start, end = fy_period(year)
    if second:
        return datetime.date(end.year, 4, 1), end
    return start, datetime.date(end.year, 3, 31)


def satisfaction(unit, year, second, respondents, score, **extra):
    start, end = half_year(year, second)
    quarters = "3-4" if second else "1-2"
    title = f"ผลการประเมินความพึงพอใจต่อเว็บไซต์ ไตรมาส {quarters} ปีงบประมาณ {year}"
    return Item(
        SatisfactionReportPage,
        f"satisfaction-{year}-q{quarters}",
        title,
        f"ผู้ตอบแบบประเมิน {respondents} คน ความพึงพอใจเฉลี่ย {score} จาก 5 คะแนน",
        unit.owner("digital"),
        fields={
            "respondents": respondents,
            "average_score": Decimal(score),
            "body": html(
                "ประเด็นที่ได้คะแนนสูงสุด: ความถูกต้องและความเป็นปัจจุบันของข้อมูล",
                "ข้อเสนอแนะ: เพิ่มช่องทางค้นหาเอกสารและขนาดตัวอักษรที่อ่านง่ายบนมือถือ",
            ),
        },
        attachments=(Doc(f"{title} ({unit.short_name})", f"satisfaction-{year}-q{quarters}.pdf"),),
        published_days_ago=since(end + datetime.timedelta(days=15)),
        period=(start, end),
        **extra,
    )


def satisfaction_items(unit):
    year = latest_fiscal_year()
    if not unit.is_provincial:
        return [satisfaction(unit, year, True, 86, "4.21")]
    return [
        # The report for the year before last is overdue for its review: stale.
        satisfaction(unit, year - 1, True, 198, "4.05", review_in_days=-90),
        satisfaction(unit, year, False, 240, "4.18"),
        satisfaction(unit, year, True, 263, "4.32"),
    ]
