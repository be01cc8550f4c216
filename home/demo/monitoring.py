"""Demo monitoring data: each unit's public MOIT page, a few evidence links and
exemptions (the provincial office's oversight comes from its ``Unit`` record).

The records are made on last fiscal year's list, as a unit that used the product last
year has them, and the demo then starts this fiscal year by a roll-over, once: the
current year's coverage is the previous year's, carried.
"""

from wagtail.models import ModelLogEntry

from moit_wagtail.checklist import rollover
from moit_wagtail.checklist.models import ChecklistPage, Framework, ItemEvidence, NotApplicable
from moit_wagtail.checklist.years import list_in_force
from moit_wagtail.pages.models import PublicationPage

from .builder import ensure_page

CHECKLIST_PAGE_DAYS_AGO = 30
RECORDS_YEAR = 2569  # the demo units' records were kept on this year's list

# MOIT items proven by particular pages rather than by a whole page type. MOIT 1 is
# graded in two parts: the link proves the first (the publishing framework); the second,
# last year's monitoring report, is still to come: the unit is mid-year.
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


def records_list(slug):
    """The list the demo's records are on: the records year's, else the one in force."""
    found = Framework.objects.filter(slug=slug, fiscal_year=RECORDS_YEAR).first()
    return found or list_in_force(slug)


def build_monitoring(unit, site, owner):
    moit = records_list("moit")
    ensure_page(
        site.root_page,
        "moit",
        lambda: ChecklistPage(
            slug="moit",
            title="การประเมินคุณธรรมและความโปร่งใส (MOIT)",
            framework=moit,
            follow_current_year=True,
            show_in_menus=False,
            intro="<p>หลักฐานการเผยแพร่ข้อมูลตามรายการ MOIT ของปีงบประมาณปัจจุบัน "
            "ลิงก์ไปยังข้อมูลที่เป็นปัจจุบันบนเว็บไซต์นี้ ปีก่อน ๆ ดูได้จากลิงก์ท้ายหน้า</p>",
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
            item=records_list(slug).items.get(code=code),
            site=site,
            defaults={"justification": justification, "decided_by": owner},
        )


def roll_over_to_current_year(user):
    """Carry every unit's MOIT records into the list in force, as a provincial admin
    does once a year; returns the plan, or None when there was nothing to roll over."""
    source, target = records_list("moit"), list_in_force("moit")
    if (
        source == target
        or ModelLogEntry.objects.for_instance(target)
        .filter(action=rollover.ROLL_OVER_ACTION)
        .exists()
    ):
        return None
    found = rollover.plan(source, target.fiscal_year)
    rollover.apply(found, user=user)
    return found
