"""Demo monitoring data: each unit's public MOIT page, a few evidence links and
exemptions (the provincial office's oversight comes from its ``Unit`` record)."""

from moit_wagtail.checklist.models import ChecklistPage, Framework, ItemEvidence, NotApplicable
from moit_wagtail.pages.models import PublicationPage

from .builder import ensure_page

CHECKLIST_PAGE_DAYS_AGO = 30

# MOIT items proven by particular pages rather than by a whole page type.
LINKED_EVIDENCE = {
    "sop-web-publishing": ("MOIT 1",),
    "activity-ethics-training": ("MOIT 8",),
    "general-integrity-pledge": ("MOIT 12", "MOIT 21"),
}
# OIA s.9 (6): health offices grant no concessions; a district office buys no drugs.
EXEMPTIONS = {
    ("oia", "9(6)"): "หน่วยงานไม่มีสัญญาสัมปทาน สัญญาผูกขาดตัดตอน หรือสัญญาร่วมทุนกับเอกชน",
}
DISTRICT_EXEMPTIONS = {
    ("moit", "MOIT 13"): "สำนักงานสาธารณสุขอำเภอไม่มีการจัดซื้อยาและเวชภัณฑ์ที่มิใช่ยา "
    "โดยได้รับการสนับสนุนจากสำนักงานสาธารณสุขจังหวัด",
}


def newest(slug):
    return Framework.objects.filter(slug=slug).order_by("-fiscal_year").first()


def build_monitoring(unit, site, owner):
    moit = newest("moit")
    ensure_page(
        site.root_page,
        f"moit-{moit.fiscal_year}",
        lambda: ChecklistPage(
            slug=f"moit-{moit.fiscal_year}",
            title=f"การประเมินคุณธรรมและความโปร่งใส (MOIT) ปีงบประมาณ {moit.fiscal_year}",
            framework=moit,
            show_in_menus=False,
            intro="<p>หลักฐานการเผยแพร่ข้อมูลตามรายการ MOIT ทั้ง 22 ข้อ ลิงก์ไปยังข้อมูลที่เป็นปัจจุบันบนเว็บไซต์นี้</p>",
        ),
        owner,
        CHECKLIST_PAGE_DAYS_AGO,
    )
    for slug, codes in LINKED_EVIDENCE.items():
        page = PublicationPage.objects.descendant_of(site.root_page).filter(slug=slug).first()
        for code in codes if page else ():
            ItemEvidence.objects.get_or_create(
                item=moit.items.get(code=code), page=page, defaults={"added_by": owner}
            )
    exemptions = {**EXEMPTIONS, **(DISTRICT_EXEMPTIONS if unit.unit_type == "dho" else {})}
    for (slug, code), justification in exemptions.items():
        NotApplicable.objects.get_or_create(
            item=newest(slug).items.get(code=code),
            site=site,
            defaults={"justification": justification, "decided_by": owner},
        )
