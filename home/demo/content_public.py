"""Demo pages every government site shows in its footer (DGA standard): five policies and
the HTML sitemap, plus the footer setting that links them.

Texts are plausible Thai policies for a fictional unit, not legal advice. Idempotent: pages
are found by slug under the unit's home page, and only empty footer fields are filled.
"""

import datetime

from django.utils import timezone

from moit_wagtail.public.models import FooterSettings, PolicyPage, SitemapPage

from .builder import ensure_page
from .specs import html

PUBLISHED_DAYS_AGO = 400
REVIEWED_DAYS_AGO = 75


def policies(unit):
    """(slug, kind, title, body) for the unit's five policy pages."""
    name, email, phone = unit.name_th, unit.email, unit.phone
    return [
        ("website-policy", "website", "นโยบายเว็บไซต์", html(
            f"เว็บไซต์นี้จัดทำโดย{name} เพื่อเผยแพร่ข้อมูลข่าวสารของหน่วยงานต่อสาธารณะ "
            "ตามกรอบแนวทางการเผยแพร่ข้อมูลต่อสาธารณะผ่านเว็บไซต์ของหน่วยงาน "
            "และพระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ. 2540",
            "ข้อมูลทุกรายการผ่านการขออนุญาตและอนุมัติจากหัวหน้ากลุ่มงานที่รับผิดชอบก่อนเผยแพร่ "
            "และระบุเจ้าของข้อมูล ช่วงเวลาของข้อมูล และวันที่เผยแพร่ไว้ทุกรายการ",
            ["ผู้ใช้งานนำข้อมูลไปใช้ได้โดยอ้างอิงแหล่งที่มา",
             "ห้ามนำข้อมูลไปใช้ในทางที่ผิดกฎหมายหรือก่อให้เกิดความเสียหายแก่ผู้อื่น",
             "หน่วยงานอาจปรับปรุงนโยบายนี้ได้ โดยจะแจ้งวันที่ปรับปรุงไว้ที่หน้านี้"],
            f"ติดต่อผู้ดูแลเว็บไซต์: {email} โทรศัพท์ {phone}",
        )),
        ("privacy-policy", "privacy", "นโยบายคุ้มครองข้อมูลส่วนบุคคล", html(
            f"{name} ให้ความสำคัญกับการคุ้มครองข้อมูลส่วนบุคคลของผู้ใช้บริการ "
            "ตามพระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562",
            "ข้อมูลที่เก็บรวบรวม: ชื่อ ที่อยู่ หมายเลขโทรศัพท์ และอีเมล ที่ท่านกรอกในแบบฟอร์มร้องเรียน "
            "แบบคำขอข้อมูลข่าวสาร หรือแบบประเมินความพึงพอใจ เฉพาะเท่าที่จำเป็นต่อการให้บริการ",
            ["ใช้ข้อมูลเพื่อตอบคำขอ ติดตามเรื่อง และแจ้งผลการดำเนินการแก่ท่านเท่านั้น",
             "ไม่เปิดเผยข้อมูลแก่บุคคลภายนอก เว้นแต่กฎหมายกำหนด",
             "สถิติผู้เข้าชมนับด้วยระบบของหน่วยงานเอง ไม่ส่งข้อมูลให้บุคคลภายนอก "
             "และไม่ใช้คุกกี้ติดตามพฤติกรรม",
             "เนื้อหาจากเว็บไซต์อื่น เช่น แผนที่ จะแสดงเมื่อท่านกดยอมรับเท่านั้น"],
            "ท่านมีสิทธิขอเข้าถึง แก้ไข หรือลบข้อมูลส่วนบุคคลของท่าน "
            f"โดยติดต่อเจ้าหน้าที่คุ้มครองข้อมูลส่วนบุคคลที่ {email}",
        )),
        ("security-policy", "security", "นโยบายการรักษาความมั่นคงปลอดภัยเว็บไซต์", html(
            "เว็บไซต์ใช้การเชื่อมต่อแบบเข้ารหัส (HTTPS) ทุกหน้า "
            "และกำหนดสิทธิผู้ดูแลระบบตามบทบาทหน้าที่",
            ["ผู้ดูแลเว็บไซต์อย่างน้อยสองคนตรวจสอบบัญชีผู้ใช้และสิทธิเป็นประจำ",
             "สำรองข้อมูลเป็นประจำและทดสอบการกู้คืน",
             "เก็บข้อมูลจราจรทางคอมพิวเตอร์ไม่น้อยกว่า 90 วัน "
             "ตามพระราชบัญญัติว่าด้วยการกระทำความผิดเกี่ยวกับคอมพิวเตอร์ พ.ศ. 2560",
             "ไฟล์ที่เผยแพร่ต้องเป็นประเภทที่อนุญาตและผ่านการตรวจสอบก่อนเผยแพร่"],
            f"หากพบช่องโหว่หรือเหตุผิดปกติ โปรดแจ้ง {email}",
        )),
        ("disclaimer", "disclaimer", "ข้อจำกัดความรับผิดชอบ", html(
            f"{name} พยายามให้ข้อมูลบนเว็บไซต์ถูกต้องและเป็นปัจจุบัน "
            "โดยระบุวันที่เผยแพร่และช่วงเวลาของข้อมูลไว้ทุกรายการ",
            "ข้อมูลด้านสุขภาพบนเว็บไซต์นี้เป็นความรู้ทั่วไป ไม่ใช้แทนคำแนะนำของแพทย์ "
            "หากมีอาการเจ็บป่วยโปรดปรึกษาแพทย์หรือสถานพยาบาลใกล้บ้าน",
            "ลิงก์ไปยังเว็บไซต์ของหน่วยงานอื่นจัดไว้เพื่อความสะดวก "
            "หน่วยงานไม่รับผิดชอบต่อเนื้อหาของเว็บไซต์เหล่านั้น",
        )),
        ("accessibility", "accessibility", "การเข้าถึงเว็บไซต์", html(
            "เว็บไซต์นี้ออกแบบตามแนวทาง WCAG 2.1 ระดับ AA และมาตรฐานเว็บไซต์ภาครัฐ "
            "เพื่อให้ทุกคน รวมทั้งผู้พิการและผู้สูงอายุ ใช้งานได้",
            ["ลิงก์ \"ข้ามไปยังเนื้อหาหลัก\" เป็นลิงก์แรกของทุกหน้า ใช้งานด้วยแป้นพิมพ์ได้ทั้งเว็บไซต์",
             "ปุ่ม \"ความคมชัดสูง\" ที่ส่วนบนของหน้า (เบราว์เซอร์จะจำค่าไว้) "
             "และหากตั้งค่าความคมชัดสูงไว้ที่ระบบปฏิบัติการ เว็บไซต์จะแสดงแบบคมชัดสูงให้เอง",
             "ขยายตัวอักษรได้ด้วยการตั้งค่าเบราว์เซอร์ (Ctrl และ +) โดยเนื้อหาไม่ตกหล่น",
             "รูปภาพมีคำอธิบายทางเลือก แผนภูมิโครงสร้างมีคำอธิบายเป็นข้อความ",
             "ตรวจสอบทุกประเภทหน้าด้วยเครื่องมือ axe-core เป็นประจำ"],
            f"หากพบปัญหาในการใช้งาน โปรดแจ้ง {email} หรือโทรศัพท์ {phone}",
        )),
    ]  # fmt: skip


def build_public(unit, home, site, owner):
    """The unit's five policy pages, its HTML sitemap and the footer links to them.

    ``unit``: a ``home.demo.units.Unit``; ``home``: its HomePage; ``site``: its Site;
    ``owner``: the user recorded as author. Returns {slug: page}.
    """
    reviewed = timezone.localdate() - datetime.timedelta(days=REVIEWED_DAYS_AGO)
    made = {}
    for slug, kind, title, body in policies(unit):

        def make(kind=kind, title=title, body=body, slug=slug):
            return PolicyPage(title=title, slug=slug, kind=kind, body=body, last_reviewed=reviewed)

        made[slug] = ensure_page(home, slug, make, owner, PUBLISHED_DAYS_AGO)

    def make_sitemap():
        return SitemapPage(
            title="แผนผังเว็บไซต์",
            slug="sitemap",
            intro=html("หมวดหมู่และรายการล่าสุดของเว็บไซต์ทั้งหมดในหน้าเดียว"),
        )

    made["sitemap"] = ensure_page(home, "sitemap", make_sitemap, owner, PUBLISHED_DAYS_AGO)
    ensure_footer(site, made)
    return made


def ensure_footer(site, made):
    footer = FooterSettings.for_site(site)
    wanted = {
        "website_policy": made["website-policy"],
        "privacy_policy": made["privacy-policy"],
        "security_policy": made["security-policy"],
        "disclaimer": made["disclaimer"],
        "accessibility_statement": made["accessibility"],
        "sitemap_page": made["sitemap"],
    }
    missing = {name: page for name, page in wanted.items() if not getattr(footer, f"{name}_id")}
    if missing:
        for name, page in missing.items():
            setattr(footer, name, page)
        footer.save()
    return footer
