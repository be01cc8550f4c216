"""One Wagtail Site per unit: its home page, host name, unit record, profile and ten category
indexes."""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, Site

from home.models import HomePage
from moit_wagtail.clauses import get_clause
from moit_wagtail.models import AgencyProfile, Unit
from moit_wagtail.pages.models import CATEGORY_INDEX_TYPES

from .builder import ensure_page
from .specs import html

CATEGORY_SLUGS = {
    "1.1": "about",
    "1.2": "laws",
    "1.3": "knowledge",
    "1.4": "links",
    "1.5": "official-information",
    "1.6": "sop",
    "1.7": "service-manuals",
    "1.8": "news",
    "1.9": "e-services",
    "1.10": "statistics",
}
CATEGORY_INTROS = {
    "1.1": "ข้อมูลพื้นฐาน ผู้บริหาร แผน งบประมาณ และผลการดำเนินงานของหน่วยงาน",
    "1.2": "กฎหมาย ระเบียบ และข้อบังคับที่เกี่ยวข้อง พร้อมลิงก์แหล่งที่มาอย่างเป็นทางการ",
    "1.3": "ความรู้สุขภาพ สื่อ ผลงานวิจัย และข้อมูลสถิติ พร้อมแหล่งที่มาและวันที่",
    "1.4": "เว็บไซต์หน่วยงานในสังกัด หน่วยงานในกระทรวง และหน่วยงานภายนอก",
    "1.5": "ข้อมูลข่าวสารตามมาตรา 7 และมาตรา 9 แห่งพระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ. 2540",
    "1.6": "คู่มือการปฏิบัติงานของเจ้าหน้าที่ ขั้นตอน ระยะเวลา และไฟล์คู่มือให้ดาวน์โหลด",
    "1.7": "ขั้นตอน ระยะเวลา ค่าธรรมเนียม และเอกสารที่ใช้ในการขอรับบริการ",
    "1.8": "ข่าวประชาสัมพันธ์ ภาพกิจกรรม เรื่องแจ้งเตือน ประกาศรับสมัครงาน และการจัดซื้อจัดจ้าง",
    "1.9": "บริการออนไลน์ที่ประชาชนติดต่อหน่วยงานได้โดยไม่ต้องเดินทาง",
    "1.10": "สถิติผู้เข้าชมเว็บไซต์และผลการประเมินความพึงพอใจ",
}
WAGTAIL_WELCOME_SLUG = "home"
SETUP_DAYS_AGO = 560


def ensure_home(unit, owner):
    def make():
        return HomePage(
            title=unit.name_th,
            slug=unit.home_slug,
            welcome=f"ยินดีต้อนรับสู่เว็บไซต์{unit.name_th}",
            intro=html(
                f"{unit.name_th} เผยแพร่ข้อมูลตามกรอบแนวทางการเผยแพร่ข้อมูลต่อสาธารณะ "
                "และการประเมินคุณธรรมและความโปร่งใส (MOIT) ของกระทรวงสาธารณสุข"
            ),
        )

    return ensure_page(Page.get_first_root_node(), unit.home_slug, make, owner, SETUP_DAYS_AGO)


def ensure_site(unit, home):
    """The unit's Site, keyed by host name. The province takes over Wagtail's default site."""
    site = Site.objects.filter(hostname=unit.hostname).first()
    if site is None and unit.is_provincial:
        site = Site.objects.filter(is_default_site=True).first()
    wanted = {
        "hostname": unit.hostname,
        "port": unit.port,
        "site_name": unit.name_th,
        "root_page_id": home.pk,
        "is_default_site": unit.is_provincial,
    }
    if site is None:
        return Site.objects.create(**wanted)
    changed = {name: value for name, value in wanted.items() if getattr(site, name) != value}
    if changed:
        for name, value in changed.items():
            setattr(site, name, value)
        site.save()
    return site


def remove_wagtail_welcome_page():
    """Delete the "Welcome to your new Wagtail site!" page that Wagtail's migrations create,
    but only while it is untouched: a plain Page, childless, and no site's root."""
    plain_page = ContentType.objects.get_for_model(Page)
    candidates = (
        Page.get_first_root_node()
        .get_children()
        .filter(slug=WAGTAIL_WELCOME_SLUG, content_type=plain_page, numchild=0)
    )
    for page in candidates:
        if not Site.objects.filter(root_page=page).exists():
            page.delete()


def ensure_unit(site, unit):
    """The unit record (type, group key, overseeing unit) as a superuser would set it up:
    the provincial office oversees the other demo units. Left alone once it exists."""
    parent = None if unit.is_provincial else Unit.objects.filter(unit_type="pho").first()
    record, _created = Unit.objects.get_or_create(
        site=site,
        defaults={"group_key": unit.short_name, "unit_type": unit.unit_type, "parent": parent},
    )
    return record


def ensure_profile(site, unit):
    """Fill the unit's profile; fields someone already filled in are left alone."""
    profile = AgencyProfile.for_site(site)
    wanted = {
        "name_th": unit.name_th,
        "name_en": unit.name_en,
        "parent_unit": unit.parent_unit,
        "address": unit.address,
        "phone": unit.phone,
        "fax": unit.fax,
        "email": unit.email,
    }
    missing = {name: value for name, value in wanted.items() if not getattr(profile, name)}
    if missing:
        for name, value in missing.items():
            setattr(profile, name, value)
        profile.save()
    return profile


def ensure_category_index(home, model, owner):
    clause = model.seed_clause

    def make():
        return model(
            title=get_clause(clause).title_th,
            slug=CATEGORY_SLUGS[clause],
            show_in_menus=True,
            intro=html(CATEGORY_INTROS[clause]),
        )

    return ensure_page(home, CATEGORY_SLUGS[clause], make, owner, SETUP_DAYS_AGO - 5)


def ensure_category_indexes(home, owner):
    """The ten category indexes in seed order, keyed by their clause (1.1-1.10)."""
    return {
        model.seed_clause: ensure_category_index(home, model, owner)
        for model in CATEGORY_INDEX_TYPES
    }
