"""Seed 1.3 demo content: articles, multimedia, research and statistics, each with its
source and the source's date (so others can cite and reuse it)."""

from moit_wagtail.pages.models import KnowledgePage

from .specs import Doc, Img, Item, days_ago, fy_period, html, latest_fiscal_year

DDC = "กรมควบคุมโรค กระทรวงสาธารณสุข"
ANAMAI = "กรมอนามัย กระทรวงสาธารณสุข"
HDC = "ระบบคลังข้อมูลด้านการแพทย์และสุขภาพ (HDC) กระทรวงสาธารณสุข"


def knowledge(unit, slug, kind, title, summary, owner, published, source, body, **extra):
    """One knowledge item; the source is dated a little before it was published here."""
    fields = {"kind": kind, "source_date": days_ago(published + 10), "body": body}
    fields.update(extra.pop("fields", {}))
    return Item(
        KnowledgePage,
        slug,
        title,
        summary,
        unit.owner(owner),
        fields=fields,
        source=source,
        published_days_ago=published,
        **extra,
    )


def articles(unit):
    return [
        knowledge(
            unit, "dengue-prevention", "1.3.1",
            "ไข้เลือดออก ป้องกันได้ด้วย 3 เก็บ ป้องกัน 3 โรค",
            "วิธีกำจัดแหล่งเพาะพันธุ์ยุงลายในบ้านและชุมชน เพื่อป้องกันไข้เลือดออก ไข้ซิกา และไข้ปวดข้อยุงลาย",
            "disease", 160, DDC,
            html(
                "3 เก็บ ได้แก่",
                ["เก็บบ้านให้สะอาด โปร่ง ไม่ให้ยุงเกาะพัก", "เก็บขยะและภาชนะที่มีน้ำขัง",
                 "เก็บน้ำ ปิดฝาภาชนะให้มิดชิด"],
                "หากมีไข้สูงลอย 2 วันขึ้นไป ควรพบแพทย์ และไม่ควรซื้อยาแก้ปวดกลุ่ม NSAIDs รับประทานเอง",
            ),
            fields={"image": Img("ภาพประกอบบทความไข้เลือดออก", "illustration")},
            tags=("ไข้เลือดออก", "ยุงลาย"),
        ),
        knowledge(
            unit, "diabetes-awareness", "1.3.1",
            "รู้ทันโรคเบาหวาน ลดหวาน มัน เค็ม",
            "สัญญาณเตือนโรคเบาหวานและการปรับพฤติกรรมการกินเพื่อลดความเสี่ยง",
            "ncd", 75, ANAMAI,
            html("ลดน้ำตาลไม่เกินวันละ 6 ช้อนชา ออกกำลังกายอย่างน้อยสัปดาห์ละ 150 นาที "
                 "และตรวจคัดกรองระดับน้ำตาลในเลือดปีละครั้งเมื่ออายุ 35 ปีขึ้นไป"),
        ),
    ]  # fmt: skip


def multimedia(unit):
    return knowledge(
        unit, "pm25-infographic", "1.3.2",
        "อินโฟกราฟิก: ฝุ่น PM2.5 กับการดูแลสุขภาพ",
        "สื่ออินโฟกราฟิกแนะนำการเลือกหน้ากากและการดูแลกลุ่มเสี่ยงในช่วงค่าฝุ่นสูง",
        "promotion", 300, ANAMAI,
        html("ดาวน์โหลดสื่อเพื่อนำไปเผยแพร่ต่อในชุมชนได้ โดยอ้างอิงแหล่งที่มา"),
        fields={"image": Img("อินโฟกราฟิกฝุ่น PM2.5", "illustration")},
        attachments=(Doc("สื่ออินโฟกราฟิกฝุ่น PM2.5", "pm25-infographic.pdf"),),
    )  # fmt: skip


def research(unit):
    return knowledge(
        unit, "diabetes-control-research", "1.3.3",
        "ปัจจัยที่มีผลต่อการควบคุมระดับน้ำตาลในเลือดของผู้ป่วยเบาหวานชนิดที่ 2",
        f"งานวิจัยเชิงวิเคราะห์ในผู้ป่วยเบาหวานที่มารับบริการในเครือข่าย{unit.name_th}",
        "strategy", 210, f"{unit.name_th} (ผลงานวิจัยของบุคลากร)",
        html("ศึกษาในผู้ป่วย 412 ราย พบว่าการเข้าร่วมกลุ่มปรับเปลี่ยนพฤติกรรมและการมีผู้ดูแลในครอบครัว "
             "สัมพันธ์กับการควบคุมระดับน้ำตาลได้ดีขึ้นอย่างมีนัยสำคัญทางสถิติ"),
        attachments=(Doc("รายงานวิจัยการควบคุมระดับน้ำตาลในผู้ป่วยเบาหวาน", "diabetes-research.pdf"),),
    )  # fmt: skip


def statistics(unit, year):
    rows = [("เดือน", "ผู้ป่วยไข้เลือดออก (ราย)", "อัตราป่วยต่อแสนประชากร")] + [
        (month, cases, round(cases / 3.2, 2))
        for month, cases in zip(
            ("ต.ค.", "พ.ย.", "ธ.ค.", "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.",
             "ส.ค.", "ก.ย."),
            (12, 8, 5, 4, 3, 6, 9, 21, 34, 41, 37, 19),
            strict=True,
        )
    ]  # fmt: skip
    return knowledge(
        unit, f"dengue-statistics-{year}", "1.3.4",
        f"สถิติผู้ป่วยโรคไข้เลือดออกรายเดือน ปีงบประมาณ {year}",
        "จำนวนผู้ป่วยและอัตราป่วยรายเดือน สำหรับวางแผนควบคุมโรคในฤดูระบาด",
        "disease", 40, HDC,
        html("ข้อมูลเปิดในรูปแบบไฟล์ที่นำไปใช้ต่อได้ (xlsx)"),
        attachments=(Doc(f"สถิติผู้ป่วยไข้เลือดออก ปี {year}", f"dengue-{year}.xlsx", tuple(rows)),),
        period=fy_period(year),
    )  # fmt: skip


def old_population_statistics(unit, year):
    """Deliberately stale: population figures two years old, overdue for review."""
    rows = (("อำเภอ", "ประชากร (คน)"), ("เมืองสุขใจ", 128_450), ("นาสุขสันต์", 46_210))
    return knowledge(
        unit, f"population-{year}", "1.3.4",
        f"ข้อมูลประชากรกลางปี พ.ศ. {year}",
        "จำนวนประชากรรายอำเภอ ใช้เป็นตัวหารในการคำนวณอัตราป่วย",
        "strategy", 520, HDC,
        html("ข้อมูลประชากรกลางปีจากฐานข้อมูลทะเบียนราษฎร์"),
        attachments=(Doc(f"ข้อมูลประชากรกลางปี {year}", f"population-{year}.csv", rows),),
        period=fy_period(year),
        review_in_days=-150,
    )  # fmt: skip


def items(unit):
    year = latest_fiscal_year()
    result = [*articles(unit), multimedia(unit), research(unit), statistics(unit, year)]
    if not unit.is_provincial:
        del result[1]  # smaller units: one article of each kind
    return [*result, old_population_statistics(unit, year - 2)]
