"""Seed 1.4 demo content: related websites in each of the seed's groups.

The outside links are real public agency websites; the demo's own units link to each
other through their localhost addresses.
"""

from moit_wagtail.pages.models import RelatedWebsitesPage

from .specs import Item
from .units import siblings

MINISTRY = (
    ("กระทรวงสาธารณสุข", "https://www.moph.go.th/", "ข่าวสารและนโยบายของกระทรวง"),
    ("สำนักงานปลัดกระทรวงสาธารณสุข", "https://ops.moph.go.th/", "หน่วยงานต้นสังกัด"),
    ("กรมควบคุมโรค", "https://ddc.moph.go.th/", "สถานการณ์โรคและการป้องกัน"),
    ("กรมอนามัย", "https://anamai.moph.go.th/", "ส่งเสริมสุขภาพและอนามัยสิ่งแวดล้อม"),
    ("กรมการแพทย์", "https://www.dms.go.th/", "มาตรฐานการรักษาพยาบาล"),
    ("กรมสุขภาพจิต", "https://www.dmh.go.th/", "ความรู้และบริการด้านสุขภาพจิต"),
    ("สำนักงานคณะกรรมการอาหารและยา", "https://www.fda.moph.go.th/", "ตรวจสอบผลิตภัณฑ์สุขภาพ"),
    ("กรมสนับสนุนบริการสุขภาพ", "https://hss.moph.go.th/", "สถานพยาบาลและ อสม."),
)
EXTERNAL = (
    ("สำนักงานหลักประกันสุขภาพแห่งชาติ", "https://www.nhso.go.th/", "สิทธิหลักประกันสุขภาพ"),
    ("สำนักงานคณะกรรมการข้อมูลข่าวสารของราชการ", "https://www.oic.go.th/", "สิทธิรับรู้ข้อมูลข่าวสาร"),
    ("สำนักงาน ป.ป.ช.", "https://www.nacc.go.th/", "การป้องกันและปราบปรามการทุจริต"),
    ("สำนักงานพัฒนารัฐบาลดิจิทัล", "https://www.dga.or.th/", "มาตรฐานเว็บไซต์ภาครัฐ"),
    ("ระบบการจัดซื้อจัดจ้างภาครัฐ (e-GP)", "https://www.gprocurement.go.th/", "ประกาศจัดซื้อจัดจ้าง"),
)
OTHER = (
    ("ศูนย์บริการประชาชน 1111", "https://www.1111.go.th/", "ร้องเรียน ร้องทุกข์ เสนอแนะ"),
    ("ราชกิจจานุเบกษา", "https://ratchakitcha.soc.go.th/", "ค้นหากฎหมายและประกาศ"),
)


def rows(group, links):
    return [
        {"name": name, "url": url, "group": group, "description": description}
        for name, url, description in links
    ]


def demo_unit_rows(unit):
    """The other demo units; the province lists its units, the units list the province."""
    return [
        {
            "name": other.name_th,
            "url": other.url,
            "group": "in_unit" if unit.is_provincial else "same_ministry",
            "description": "หน่วยงานในเครือข่ายสาธารณสุขจังหวัดสุขใจ",
        }
        for other in siblings(unit)
    ]


def links_page(unit, slug, title, summary, link_rows, published):
    return Item(
        RelatedWebsitesPage,
        slug,
        title,
        summary,
        unit.owner("digital"),
        inlines={"links": link_rows},
        published_days_ago=published,
    )


def items(unit):
    if not unit.is_provincial:
        return [
            links_page(
                unit, "health-network", "หน่วยงานในเครือข่ายและกระทรวงสาธารณสุข",
                "เว็บไซต์หน่วยงานในเครือข่ายสุขภาพจังหวัดและหน่วยงานในสังกัดกระทรวงสาธารณสุข",
                demo_unit_rows(unit) + rows("same_ministry", MINISTRY[:4]), 260,
            ),
            links_page(
                unit, "external", "หน่วยงานภายนอกและเว็บไซต์แนะนำ",
                "เว็บไซต์หน่วยงานภายนอกที่ประชาชนใช้บ่อย",
                rows("external", EXTERNAL[:3]) + rows("other", OTHER[:1]), 180,
            ),
        ]  # fmt: skip
    return [
        links_page(
            unit, "units", "หน่วยงานในสังกัด",
            "เว็บไซต์สำนักงานสาธารณสุขอำเภอและโรงพยาบาลในจังหวัดสุขใจ",
            demo_unit_rows(unit), 400,
        ),
        links_page(
            unit, "ministry", "หน่วยงานในสังกัดกระทรวงสาธารณสุข",
            "เว็บไซต์กรมและหน่วยงานของกระทรวงสาธารณสุข", rows("same_ministry", MINISTRY), 390,
        ),
        links_page(
            unit, "external", "หน่วยงานภายนอก",
            "เว็บไซต์หน่วยงานภายนอกที่เกี่ยวข้องกับการดำเนินงาน", rows("external", EXTERNAL), 380,
        ),
        links_page(
            unit, "recommended", "เว็บไซต์แนะนำ",
            "เว็บไซต์อื่นที่เป็นประโยชน์ต่อประชาชน", rows("other", OTHER), 370,
        ),
    ]  # fmt: skip
