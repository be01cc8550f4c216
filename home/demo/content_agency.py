"""Seed 1.1 demo content: every agency-information sub-item, for each kind of unit."""

import datetime

from moit_wagtail.pages.models import (
    AgencyDocumentPage,
    ContactPage,
    ExecutivesPage,
    OrganisationStructurePage,
    VisionMissionPage,
)

from .specs import Doc, Img, Item, fy_period, html, latest_fiscal_year, since

DUTIES = {
    "pho": [
        "จัดทำแผนยุทธศาสตร์ด้านสุขภาพในเขตพื้นที่จังหวัด",
        "ดำเนินการและประสานงานเกี่ยวกับงานสาธารณสุขในเขตพื้นที่จังหวัด",
        "กำกับ ดูแล ประเมินผล และสนับสนุนการปฏิบัติงานของหน่วยงานสาธารณสุขในเขตพื้นที่จังหวัด"
        "เพื่อให้การปฏิบัติงานเป็นไปตามกฎหมาย",
        "ส่งเสริม สนับสนุน และประสานงานเกี่ยวกับงานสาธารณสุขกับหน่วยงานที่เกี่ยวข้องทั้งภาครัฐและภาคเอกชน",
        "ปฏิบัติงานร่วมกับหรือสนับสนุนการปฏิบัติงานของหน่วยงานอื่นที่เกี่ยวข้องหรือที่ได้รับมอบหมาย",
    ],
    "dho": [
        "จัดทำแผนงานด้านสุขภาพระดับอำเภอให้สอดคล้องกับแผนยุทธศาสตร์ของจังหวัด",
        "ประสาน สนับสนุน และนิเทศงานโรงพยาบาลส่งเสริมสุขภาพตำบลในเขตอำเภอ",
        "ส่งเสริมสุขภาพ ป้องกันและควบคุมโรค และคุ้มครองผู้บริโภคด้านสุขภาพในระดับอำเภอ",
        "ติดตาม กำกับ และประเมินผลการดำเนินงานสาธารณสุขในพื้นที่",
        "ปฏิบัติงานร่วมกับคณะกรรมการพัฒนาคุณภาพชีวิตระดับอำเภอ (พชอ.) และภาคีเครือข่าย",
    ],
    "hospital": [
        "ให้บริการตรวจ วินิจฉัย และรักษาพยาบาลผู้ป่วยนอกและผู้ป่วยใน รวมทั้งงานอุบัติเหตุและฉุกเฉิน",
        "ให้บริการส่งเสริมสุขภาพ ป้องกันโรค และฟื้นฟูสภาพแบบองค์รวม",
        "เป็นแม่ข่ายของเครือข่ายบริการสุขภาพปฐมภูมิระดับอำเภอ",
        "รับและส่งต่อผู้ป่วยตามระบบบริการสุขภาพของจังหวัด",
        "พัฒนาคุณภาพบริการตามมาตรฐานโรงพยาบาลและบริการสุขภาพ",
    ],
}

VISION = {
    "pho": "ประชาชนจังหวัดสุขใจสุขภาพดี เจ้าหน้าที่มีความสุข ระบบสุขภาพยั่งยืน",
    "dho": "เครือข่ายสุขภาพอำเภอนาสุขสันต์เข้มแข็ง ประชาชนพึ่งตนเองด้านสุขภาพได้",
    "hospital": "โรงพยาบาลชุมชนคุณภาพ ที่ประชาชนไว้วางใจ",
}

MISSION = {
    "pho": [
        "พัฒนาและอภิบาลระบบสุขภาพอย่างมีส่วนร่วมและยั่งยืน",
        "ส่งเสริม สนับสนุน ให้ประชาชนมีความรอบรู้ด้านสุขภาพ",
        "พัฒนาระบบบริการสุขภาพให้ได้มาตรฐานและเข้าถึงได้",
        "บริหารจัดการด้วยหลักธรรมาภิบาล",
    ],
    "dho": [
        "สนับสนุนโรงพยาบาลส่งเสริมสุขภาพตำบลให้จัดบริการได้มาตรฐาน",
        "ส่งเสริมการมีส่วนร่วมของชุมชนและภาคีเครือข่าย",
        "พัฒนาบุคลากรให้มีสมรรถนะและความสุขในการทำงาน",
    ],
    "hospital": [
        "ให้บริการสุขภาพแบบองค์รวมที่ได้มาตรฐานและปลอดภัย",
        "ทำงานร่วมกับชุมชนเพื่อสร้างเสริมสุขภาพและป้องกันโรค",
        "พัฒนาบุคลากรและระบบงานอย่างต่อเนื่อง",
        "บริหารจัดการทรัพยากรอย่างโปร่งใส คุ้มค่า",
    ],
}

VALUES = (
    "M - Mastery เป็นนายตนเอง",
    "O - Originality เร่งสร้างสิ่งใหม่",
    "P - People centered ใส่ใจประชาชน",
    "H - Humility ถ่อมตนอ่อนน้อม",
)

STRATEGIES = [
    "ส่งเสริมสุขภาพ ป้องกันโรค และคุ้มครองผู้บริโภคเป็นเลิศ (PP&P Excellence)",
    "บริการเป็นเลิศ (Service Excellence)",
    "บุคลากรเป็นเลิศ (People Excellence)",
    "บริหารจัดการเป็นเลิศด้วยธรรมาภิบาล (Governance Excellence)",
]

OFFICE_HOURS = "วันจันทร์ - วันศุกร์ เวลา 08.30 - 16.30 น. (เว้นวันหยุดราชการ)"
HOSPITAL_HOURS = "ผู้ป่วยนอก วันจันทร์ - วันศุกร์ 08.00 - 16.00 น. ห้องฉุกเฉินเปิดตลอด 24 ชั่วโมง"

BUDGET_LINES = [
    ("งบบุคลากร", 0.52),
    ("งบดำเนินงาน", 0.28),
    ("งบลงทุน", 0.12),
    ("งบเงินอุดหนุน", 0.05),
    ("งบรายจ่ายอื่น", 0.03),
]
TOTAL_BUDGET = {"pho": 48_500_000, "dho": 6_200_000, "hospital": 92_000_000}


def fy_item(unit, slug, topic, title, summary, year, owner="strategy", **extra):
    """A plan, budget, agreement or report for one fiscal year, published as it starts
    (plans) or shortly after it ends (reports)."""
    start, end = fy_period(year)
    published = start + datetime.timedelta(days=20)
    if topic == "1.1.11":
        published = end + datetime.timedelta(days=45)
    return Item(
        AgencyDocumentPage,
        f"{slug}-{year}",
        f"{title} ประจำปีงบประมาณ พ.ศ. {year}",
        summary,
        unit.owner(owner),
        fields={"topic": topic, "fiscal_year": year, **extra.pop("fields", {})},
        period=(start, end),
        published_days_ago=since(published),
        **extra,
    )


def history(unit):
    return Item(
        AgencyDocumentPage,
        "history",
        "ประวัติความเป็นมา",
        f"ความเป็นมาของ{unit.name_th} ตั้งแต่ก่อตั้งเมื่อ พ.ศ. {unit.founded} จนถึงปัจจุบัน",
        unit.owner("general"),
        fields={
            "topic": "1.1.1",
            "body": html(
                f"{unit.name_th} ก่อตั้งขึ้นเมื่อ พ.ศ. {unit.founded} เพื่อดูแลสุขภาพของประชาชนในพื้นที่ "
                f"สังกัด{unit.parent_unit}",
                "ตลอดระยะเวลาที่ผ่านมา หน่วยงานได้ขยายบริการและพัฒนาบุคลากรอย่างต่อเนื่อง "
                "ร่วมกับองค์กรปกครองส่วนท้องถิ่น อาสาสมัครสาธารณสุขประจำหมู่บ้าน (อสม.) และภาคีเครือข่าย",
            ),
        },
        published_days_ago=530,
        period=(datetime.date(int(unit.founded) - 543, 1, 1), None),
    )


def vision(unit):
    return Item(
        VisionMissionPage,
        "vision-mission",
        "วิสัยทัศน์ พันธกิจ ค่านิยม",
        f"วิสัยทัศน์ พันธกิจ และค่านิยมองค์กร (MOPH) ของ{unit.name_th}",
        unit.owner("strategy"),
        fields={
            "vision": VISION[unit.unit_type],
            "mission": "\n".join(MISSION[unit.unit_type]),
            "values": "\n".join(VALUES),
        },
        published_days_ago=400,
    )


def structure(unit):
    groups = list(dict.fromkeys(unit.owners.values()))
    head = unit.leaders[0].position
    return Item(
        OrganisationStructurePage,
        "structure",
        "โครงสร้างหน่วยงาน",
        f"แผนภูมิโครงสร้างการแบ่งส่วนราชการภายใน{unit.name_th}",
        unit.owner("general"),
        fields={
            "chart": Img(f"แผนภูมิโครงสร้าง{unit.name_th}", "org_chart", (head, *groups)),
            "chart_description": f"{head} เป็นผู้บังคับบัญชาสูงสุด โดยมีหน่วยงานภายใน "
            f"{len(groups)} กลุ่มงาน ได้แก่ " + " ".join(groups),
            "body": html("หน่วยงานภายในแต่ละกลุ่มงานรายงานตรงต่อผู้บริหารตามสายการบังคับบัญชา"),
        },
        published_days_ago=380,
    )


def executives(unit):
    rows = [
        {
            "name": leader.name,
            "position": leader.position,
            "photo": Img(f"ภาพ{leader.name}", "avatar"),
            "phone": leader.phone,
            "email": f"{unit.code}.exec{number}@example.go.th",
        }
        for number, leader in enumerate(unit.leaders, start=1)
    ]
    return Item(
        ExecutivesPage,
        "executives",
        "ทำเนียบผู้บริหาร",
        f"รายชื่อ ตำแหน่ง และช่องทางติดต่อผู้บริหารของ{unit.name_th}",
        unit.owner("hr" if unit.is_provincial else "general"),
        inlines={"executives": rows},
        published_days_ago=120,
    )


def duties(unit):
    return Item(
        AgencyDocumentPage,
        "duties",
        "อำนาจหน้าที่",
        f"อำนาจหน้าที่ของ{unit.name_th} ตามกฎกระทรวงแบ่งส่วนราชการและการมอบหมาย",
        unit.owner("law" if unit.is_provincial else "general"),
        fields={"topic": "1.1.5", "body": html("มีอำนาจหน้าที่ดังต่อไปนี้", DUTIES[unit.unit_type])},
        source="กฎกระทรวงแบ่งส่วนราชการสำนักงานปลัดกระทรวงสาธารณสุข",
        published_days_ago=500,
    )


def strategy(unit, year, **extra):
    return Item(
        AgencyDocumentPage,
        f"strategy-{year - 3}-{year + 1}",
        f"ยุทธศาสตร์สาธารณสุข พ.ศ. {year - 3} - {year + 1}",
        f"ประเด็นยุทธศาสตร์ 4 ด้าน (4 Excellence) ของ{unit.name_th}",
        unit.owner("strategy"),
        fields={"topic": "1.1.6", "body": html("ประเด็นยุทธศาสตร์", STRATEGIES)},
        period=(fy_period(year - 3)[0], fy_period(year + 1)[1]),
        **({"published_days_ago": 450} | extra),
    )


def plans_and_reports(unit, year, **extra):
    total = TOTAL_BUDGET[unit.unit_type]
    budget_rows = [("หมวดรายจ่าย", "จำนวนเงิน (บาท)")] + [
        (line, round(total * share)) for line, share in BUDGET_LINES
    ]
    projects = [
        ("โครงการ", "งบประมาณ (บาท)", "ผู้รับผิดชอบ"),
        ("โครงการคัดกรองเบาหวานและความดันโลหิตสูงเชิงรุก", 350_000, unit.owner("ncd")),
        ("โครงการพัฒนาความรอบรู้ด้านสุขภาพของประชาชน", 180_000, unit.owner("promotion")),
        ("โครงการป้องกันควบคุมโรคไข้เลือดออก", 220_000, unit.owner("disease")),
        ("โครงการส่งเสริมคุณธรรมและความโปร่งใส", 60_000, unit.owner("general")),
    ]
    return [
        fy_item(
            unit, "action-plan", "1.1.7", "แผนปฏิบัติราชการ",
            "แผนปฏิบัติราชการที่ผ่านความเห็นชอบของผู้บริหาร พร้อมตัวชี้วัดและผู้รับผิดชอบ",
            year, attachments=(Doc(f"แผนปฏิบัติราชการ ปี {year}", f"action-plan-{year}.pdf"),),
            **extra,
        ),
        fy_item(
            unit, "projects", "1.1.8", "แผนงานและโครงการ",
            "รายการโครงการ งบประมาณ และผู้รับผิดชอบ", year,
            attachments=(Doc(f"รายการโครงการ ปี {year}", f"projects-{year}.xlsx", tuple(projects)),),
            **extra,
        ),
        fy_item(
            unit, "budget", "1.1.9", "งบประมาณรายจ่าย",
            f"งบประมาณรายจ่ายที่ได้รับจัดสรร รวม {total:,} บาท จำแนกตามหมวดรายจ่าย",
            year, owner="general",
            attachments=(
                Doc(f"งบประมาณรายจ่าย ปี {year}", f"budget-{year}.csv", tuple(budget_rows)),
            ),
            **extra,
        ),
        fy_item(
            unit, "performance-agreement", "1.1.10", "คำรับรองการปฏิบัติราชการ",
            "คำรับรองการปฏิบัติราชการระหว่างผู้บริหารกับผู้บังคับบัญชา พร้อมตัวชี้วัด", year,
            attachments=(Doc(f"คำรับรองการปฏิบัติราชการ ปี {year}", f"agreement-{year}.pdf"),),
            **extra,
        ),
        fy_item(
            unit, "performance-report", "1.1.11", "รายงานผลการปฏิบัติราชการ",
            "ผลการดำเนินงานตามตัวชี้วัดของแผนปฏิบัติราชการเมื่อสิ้นปีงบประมาณ", year,
            attachments=(Doc(f"รายงานผลการปฏิบัติราชการ ปี {year}", f"report-{year}.pdf"),),
            **extra,
        ),
    ]  # fmt: skip


def contact(unit):
    hours = HOSPITAL_HOURS if unit.unit_type == "hospital" else OFFICE_HOURS
    return Item(
        ContactPage,
        "contact",
        "ช่องทางการติดต่อและแผนที่ตั้ง",
        f"ที่อยู่ หมายเลขโทรศัพท์ โทรสาร อีเมล เวลาทำการ และแผนที่ตั้งของ{unit.name_th}",
        unit.owner("general"),
        fields={
            "address": unit.address,
            "phone": unit.phone,
            "fax": unit.fax,
            "email": unit.email,
            "opening_hours": hours,
            "latitude": unit.latitude,
            "longitude": unit.longitude,
            "directions": "อยู่ติดถนนสายหลักของอำเภอ มีที่จอดรถสำหรับผู้มาติดต่อ "
            "และทางลาดสำหรับรถเข็นที่ทางเข้าอาคาร",
        },
        published_days_ago=90,
    )


def items(unit):
    year = latest_fiscal_year()
    result = [
        history(unit),
        vision(unit),
        structure(unit),
        executives(unit),
        duties(unit),
        strategy(unit, year, review_in_days=-30),  # its yearly review is overdue: stale
        *plans_and_reports(unit, year),
        contact(unit),
    ]
    if unit.is_provincial:  # last year's plan and report stay up as a record
        result += plans_and_reports(unit, year - 1)[::4]
    return result
