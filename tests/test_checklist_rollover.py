"""Rolling a checklist over into a new fiscal year: every unit's records carried to the
items of the same meaning, reviewed before anything is written, idempotent and logged."""

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import ModelLogEntry

from moit_wagtail.checklist import rollover
from moit_wagtail.checklist.models import Framework, ItemEvidence, NotApplicable
from moit_wagtail.checklist.status import site_coverage
from moit_wagtail.pages import models as pages
from tests import factories

NEW_YEAR = 2571  # a year no shipped list has


@pytest.fixture
def records(moit_2569, own_site, other_site, make_page, editor):
    """Links on MOIT 1 and MOIT 12 (own unit), MOIT 8 (other unit), MOIT 13 not applicable
    in the other unit."""
    own = make_page(pages.AgencyDocumentPage, title="มาตรการป้องกันการรับสินบน")
    framework_page = make_page(pages.AgencyDocumentPage, title="แนวทางการเผยแพร่ข้อมูล")
    index = factories.build_indexes(other_site.root_page)[pages.AgencyInfoIndexPage]
    foreign = factories.publish(
        factories.build_page(pages.AgencyDocumentPage, editor, title="อบรมจริยธรรม"), index
    )
    item = {
        code: moit_2569.items.get(code=code) for code in ("MOIT 1", "MOIT 8", "MOIT 12", "MOIT 13")
    }
    ItemEvidence.objects.create(item=item["MOIT 12"], page=own)
    ItemEvidence.objects.create(item=item["MOIT 1"], page=framework_page)
    ItemEvidence.objects.create(item=item["MOIT 8"], page=foreign)
    NotApplicable.objects.create(
        item=item["MOIT 13"], site=other_site, justification="หน่วยงานไม่มีการจัดซื้อยา"
    )
    return {"own": own, "foreign": foreign}


def statuses(site, framework):
    return {row.item.code: row.status for row in site_coverage(site, framework).items}


def test_roll_over_into_a_new_list_keeps_every_units_coverage(
    client, provincial_admin, moit_2569, own_site, other_site, records
):
    before = {site.pk: statuses(site, moit_2569) for site in (own_site, other_site)}
    client.force_login(provincial_admin)
    review = reverse("moit_checklist_roll_over", args=[moit_2569.pk, NEW_YEAR])
    page = client.get(review).content.decode()
    with translation.override("th"):
        summary = translation.gettext(
            "%(links)s evidence-page links and %(exemptions)s not-applicable records with "
            "their justifications."
        ) % {"links": 3, "exemptions": 1}
    assert summary in page
    assert not Framework.objects.filter(fiscal_year=NEW_YEAR).exists()  # nothing written

    response = client.post(review, {"action": "confirm"})
    assert response.status_code == 302, response.content.decode()[-3000:]
    new = Framework.objects.get(slug="moit", fiscal_year=NEW_YEAR)
    assert str(NEW_YEAR) in new.name_th and "2569" not in new.source
    after = {site.pk: statuses(site, new) for site in (own_site, other_site)}
    assert after == before
    assert before[other_site.pk]["MOIT 13"] == "not_applicable"
    # the old year's records stay where they were
    assert ItemEvidence.objects.filter(item__framework=moit_2569).count() == 3
    assert ItemEvidence.objects.filter(item__framework=new).count() == 3

    log = ModelLogEntry.objects.for_instance(new).get(action=rollover.ROLL_OVER_ACTION)
    assert (log.user, log.data["links"], log.data["exemptions"]) == (provincial_admin, 3, 1)

    again = client.post(review, {"action": "confirm"})  # idempotent
    assert again.status_code == 302
    assert ItemEvidence.objects.filter(item__framework=new).count() == 3
    assert NotApplicable.objects.filter(item__framework=new).count() == 1
    assert Framework.objects.filter(slug="moit", fiscal_year=NEW_YEAR).count() == 1


def renumber_13_to_12(moit_2569):
    """The new year dropped MOIT 12 and moved MOIT 13 to 12."""
    new = moit_2569.copy_to_year(NEW_YEAR)
    new.items.get(code="MOIT 12").delete()
    moved = new.items.get(code="MOIT 13")
    moved.code = "MOIT 12"
    moved.previous_code = "MOIT 13"
    moved.save()
    return new, moved


def test_a_renumbered_item_takes_its_own_records(
    client, provincial_admin, moit_2569, other_site, records
):
    new, moved = renumber_13_to_12(moit_2569)
    found = rollover.plan(moit_2569, NEW_YEAR)
    by_code = {match.old.code: match for match in found.matches}
    assert by_code["MOIT 13"].new == moved and by_code["MOIT 13"].renumbered
    assert by_code["MOIT 12"].new is None  # not dragged onto the new 12 by its number
    assert [match.old.code for match in found.unmatched] == ["MOIT 12"]

    client.force_login(provincial_admin)
    review = reverse("moit_checklist_roll_over", args=[moit_2569.pk, NEW_YEAR])
    page = client.get(review).content.decode()
    assert "MOIT 13 → MOIT 12" in page

    client.post(review, {f"map-{match.old.pk}": str(match.new.pk) if match.new else "none"
                         for match in found.matches} | {"action": "confirm"})  # fmt: skip
    record = NotApplicable.objects.get(item__framework=new)
    assert (record.item, record.site, record.justification) == (
        moved,
        other_site,
        "หน่วยงานไม่มีการจัดซื้อยา",
    )
    assert not ItemEvidence.objects.filter(page=records["own"], item__framework=new).exists()
    assert statuses(other_site, new)["MOIT 12"] == "not_applicable"


def test_mapping_by_hand_is_checked_before_anything_is_written(
    client, provincial_admin, moit_2569, records
):
    new, _moved = renumber_13_to_12(moit_2569)
    old_12 = moit_2569.items.get(code="MOIT 12")
    target = new.items.get(code="MOIT 18")  # the admin decides 12's evidence belongs here
    found = rollover.plan(moit_2569, NEW_YEAR)
    data = {
        f"map-{match.old.pk}": str(match.new.pk) if match.new else "none" for match in found.matches
    }
    data[f"map-{old_12.pk}"] = str(target.pk)
    client.force_login(provincial_admin)
    review = reverse("moit_checklist_roll_over", args=[moit_2569.pk, NEW_YEAR])

    checked = client.post(review, {**data, "action": "check"})
    assert checked.status_code == 200
    with translation.override("th"):
        assert translation.gettext("mapped by hand") in checked.content.decode()
    assert not ItemEvidence.objects.filter(item__framework=new).exists()  # reversible

    client.post(review, {**data, "action": "confirm"})
    assert ItemEvidence.objects.get(page=records["own"], item__framework=new).item == target
    log = ModelLogEntry.objects.for_instance(new).get(action=rollover.ROLL_OVER_ACTION)
    assert log.data["by_hand"] == {"MOIT 12": "MOIT 18"}

    crafted = client.post(review, {**data, f"map-{old_12.pk}": "999999", "action": "confirm"})
    assert crafted.status_code == 200  # a choice that is not an item of the new list


def test_a_reworded_item_needs_a_fresh_justification(moit_2569, other_site, records):
    new = moit_2569.copy_to_year(NEW_YEAR)
    reworded = new.items.get(code="MOIT 13")
    reworded.title_th = "เกณฑ์จริยธรรมการจัดซื้อยา ฉบับปรับปรุง"
    reworded.save()
    found = rollover.plan(moit_2569, NEW_YEAR)
    assert [record.site for record in found.fresh_justifications] == [other_site]
    _target, links, exemptions = rollover.apply(found)
    assert (links, exemptions) == (3, 0)
    assert not NotApplicable.objects.filter(item__framework=new).exists()
    assert NotApplicable.objects.filter(item__framework=moit_2569).count() == 1  # kept


def test_a_link_to_a_part_goes_to_the_same_part(moit_2569, own_site, records):
    item = moit_2569.items.get(code="MOIT 4")  # shipped in three parts
    assert list(item.parts.values_list("number", flat=True)) == [1, 2, 3]
    link = ItemEvidence.objects.create(
        item=item, part=item.parts.get(number=2), page=records["own"]
    )
    found = rollover.plan(moit_2569, NEW_YEAR)
    new, _links, _exemptions = rollover.apply(found)
    carried = ItemEvidence.objects.get(item__framework=new, item__code="MOIT 4", page=link.page)
    assert (carried.item.code, carried.part.number) == ("MOIT 4", 2)
    assert carried.part.item == carried.item


def test_roll_over_into_the_shipped_fy2570_list_keeps_every_units_coverage(
    client, provincial_admin, moit_2569, moit, own_site, other_site, records
):
    """The shipped FY2570 list names each item's FY2569 code: every record finds its item."""
    assert moit.fiscal_year == 2570
    before = {site.pk: statuses(site, moit_2569) for site in (own_site, other_site)}
    found = rollover.plan(moit_2569, 2570)
    assert found.target == moit and not found.unmatched and not found.added
    assert {match.how for match in found.matches} == {rollover.BY_PREVIOUS_CODE}
    assert (found.link_count, found.exemption_count) == (3, 1)

    client.force_login(provincial_admin)
    review = reverse("moit_checklist_roll_over", args=[moit_2569.pk, 2570])
    assert client.post(review, {"action": "confirm"}).status_code == 302
    after = {site.pk: statuses(site, moit) for site in (own_site, other_site)}
    assert after == before
    assert NotApplicable.objects.get(item__framework=moit).justification == ("หน่วยงานไม่มีการจัดซื้อยา")
