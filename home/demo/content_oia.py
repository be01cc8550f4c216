"""Seed 1.5 demo content: disclosures under sections 7 and 9 of the Official Information Act.

The province publishes every paragraph of both sections; smaller units a subset.
"""

from moit_wagtail.pages.models import OfficialInformationPage

from .specs import Doc, Item, html, latest_fiscal_year

UNIT_SECTIONS = ("oia.7.1", "oia.7.2", "oia.7.3", "oia.7.4", "oia.9.3", "oia.9.8")


def disclosures(unit, year):
    """(section, slug, title, summary, owner, body, attachment file or "")."""
    return [
        ("oia.7.1", "s7-1-structure", "โครงสร้างและการจัดองค์กรในการดำเนินงาน",
         f"โครงสร้างการแบ่งส่วนราชการภายในของ{unit.name_th}", "general",
         "ดูแผนภูมิโครงสร้างได้ที่หมวดข้อมูลหน่วยงาน และเอกสารแนบ", "oia-structure.pdf"),
        ("oia.7.2", "s7-2-duties", "สรุปอำนาจหน้าที่ที่สำคัญและวิธีการดำเนินงาน",
         "สรุปภารกิจหลักและวิธีการดำเนินงานของหน่วยงาน", "general",
         "ปฏิบัติงานตามกฎกระทรวงแบ่งส่วนราชการและแผนปฏิบัติราชการประจำปี", ""),
        ("oia.7.3", "s7-3-contact", "สถานที่ติดต่อเพื่อขอรับข้อมูลข่าวสารหรือคำแนะนำ",
         "ศูนย์ข้อมูลข่าวสารของราชการ เวลาเปิดบริการ และช่องทางติดต่อ", "general",
         f"ศูนย์ข้อมูลข่าวสาร {unit.name_th} {unit.address} โทร {unit.phone} อีเมล {unit.email}", ""),
        ("oia.7.4", "s7-4-rules", "กฎ มติคณะรัฐมนตรี ข้อบังคับ คำสั่ง หนังสือเวียน และนโยบาย",
         "รวมคำสั่งและหนังสือเวียนที่มีผลเป็นการทั่วไปต่อประชาชน", "law",
         "คำสั่งแต่งตั้งคณะทำงานเผยแพร่ข้อมูลต่อสาธารณะผ่านเว็บไซต์ของหน่วยงาน",
         "oia-orders.pdf"),
        ("oia.7.5", "s7-5-other", "ข้อมูลข่าวสารอื่นตามที่คณะกรรมการข้อมูลข่าวสารของราชการกำหนด",
         "ข้อมูลที่คณะกรรมการข้อมูลข่าวสารของราชการกำหนดให้ลงพิมพ์ในราชกิจจานุเบกษา", "law",
         "ยังไม่มีประกาศเพิ่มเติมที่เกี่ยวข้องกับหน่วยงานในปีนี้", ""),
        ("oia.9.1", "s9-1-decisions", "ผลการพิจารณาหรือคำวินิจฉัยที่มีผลโดยตรงต่อเอกชน",
         "ผลการพิจารณาคำขออนุญาตประกอบกิจการสถานพยาบาลและร้านขายยา", "consumer",
         "สรุปผลการพิจารณาคำขออนุญาตรายไตรมาส", "oia-licensing-decisions.pdf"),
        ("oia.9.2", "s9-2-policies", "นโยบายหรือการตีความที่ไม่ต้องลงพิมพ์ในราชกิจจานุเบกษา",
         "นโยบายการกำกับดูแลองค์การที่ดีและนโยบายไม่รับของขวัญ (No Gift Policy)", "general",
         "ประกาศนโยบายการกำกับดูแลองค์การที่ดีของหน่วยงาน", "oia-governance-policy.pdf"),
        ("oia.9.3", "s9-3-plans-budget", f"แผนงาน โครงการ และงบประมาณรายจ่ายประจำปี {year}",
         "แผนงาน โครงการ และงบประมาณรายจ่ายของปีที่กำลังดำเนินการ", "strategy",
         "ดูรายละเอียดในหมวดข้อมูลหน่วยงาน: แผนปฏิบัติราชการ แผนงานโครงการ และงบประมาณ",
         f"oia-plan-budget-{year}.pdf"),
        ("oia.9.4", "s9-4-manuals", "คู่มือหรือคำสั่งเกี่ยวกับวิธีปฏิบัติงานของเจ้าหน้าที่",
         "คู่มือการปฏิบัติงานที่มีผลกระทบถึงสิทธิหน้าที่ของเอกชน", "general",
         "คู่มือการปฏิบัติงานอยู่ในหมวดคู่มือมาตรฐานการปฏิบัติงาน", ""),
        ("oia.9.5", "s9-5-publications", "สิ่งพิมพ์ที่ได้มีการอ้างอิงถึงตามมาตรา 7 วรรคสอง",
         "รายการสิ่งพิมพ์ที่อ้างอิงในราชกิจจานุเบกษา", "law",
         "ไม่มีสิ่งพิมพ์ที่อ้างอิงถึงในรอบปีงบประมาณนี้", ""),
        ("oia.9.6", "s9-6-contracts", "สัญญาสัมปทาน สัญญาผูกขาดตัดตอน หรือสัญญาร่วมทุน",
         "รายการสัญญาที่มีลักษณะผูกขาดตัดตอนหรือร่วมทุนกับเอกชน", "general",
         "หน่วยงานไม่มีสัญญาสัมปทาน สัญญาผูกขาดตัดตอน หรือสัญญาร่วมทุนกับเอกชน", ""),
        ("oia.9.7", "s9-7-resolutions", "มติคณะรัฐมนตรีหรือคณะกรรมการที่ตั้งโดยกฎหมาย",
         "มติคณะกรรมการโรคติดต่อจังหวัดที่เกี่ยวข้องกับประชาชน", "disease",
         "สรุปมติการประชุมคณะกรรมการโรคติดต่อจังหวัด", "oia-committee-resolutions.pdf"),
        ("oia.9.8", "s9-8-procurement", "ข้อมูลข่าวสารอื่นตามที่คณะกรรมการกำหนด: ผลการจัดซื้อจัดจ้าง",
         "สรุปผลการจัดซื้อจัดจ้างและประกาศผู้ชนะตามประกาศคณะกรรมการข้อมูลข่าวสารของราชการ",
         "general", "ดูสรุปผลการจัดซื้อจัดจ้างรายเดือน (แบบ สขร.1) ในหมวดข่าวประกาศ",
         f"oia-procurement-{year}.pdf"),
    ]  # fmt: skip


def items(unit):
    year = latest_fiscal_year()
    result = []
    for position, (section, slug, title, summary, owner, body, filename) in enumerate(
        disclosures(unit, year)
    ):
        if not unit.is_provincial and section not in UNIT_SECTIONS:
            continue
        attachments = (Doc(f"{title} ({unit.short_name})", filename),) if filename else ()
        result.append(
            Item(
                OfficialInformationPage,
                slug,
                title,
                summary,
                unit.owner(owner),
                fields={"section": section, "body": html(body)},
                attachments=attachments,
                published_days_ago=420 - position * 23,
            )
        )
    return result
