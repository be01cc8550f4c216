"""Checklist screens: editing lists, starting the next fiscal year, unit exemptions and
evidence links kept to the unit's own sites (enforced on the server)."""

import pytest
from django.urls import reverse

from moit_wagtail.checklist.models import ChecklistPart, Framework, ItemEvidence, NotApplicable
from moit_wagtail.pages import models as pages
from tests.refusals import is_permission_denied


@pytest.fixture
def unit_admin(unit, make_member):
    return make_member("webadmin", unit.admins)


def test_next_fiscal_year_copies_items_and_rules(client, provincial_admin, moit):
    client.force_login(provincial_admin)
    url = reverse("moit_checklist_start_next_year", args=[moit.pk])
    form = client.get(url)
    assert form.status_code == 200
    assert 'value="2571"' in form.content.decode()  # the year after the list's

    response = client.post(url, {"fiscal_year": 2571})
    review = reverse("moit_checklist_roll_over", args=[moit.pk, 2571])
    assert (response.status_code, response["Location"]) == (302, review)
    assert not Framework.objects.filter(slug="moit", fiscal_year=2571).exists()  # not yet

    client.post(review, {"action": "confirm"})
    copy = Framework.objects.get(slug="moit", fiscal_year=2571)
    assert "2571" in copy.name_th and "2570" not in copy.name_th
    fields = ("code", "title_th", "frequency", "due_quarter", "clause_codes", "requirement")
    assert list(copy.items.values_list(*fields)) == list(moit.items.values_list(*fields))
    parts = ("item__code", "number", "title_th", "frequency", "due_quarter")
    in_order = ("item__sort_order", "number")
    assert list(
        ChecklistPart.objects.filter(item__framework=copy).order_by(*in_order).values_list(*parts)
    ) == list(
        ChecklistPart.objects.filter(item__framework=moit).order_by(*in_order).values_list(*parts)
    )
    assert set(copy.items.values_list("verified", flat=True)) == {False}
    assert set(copy.items.values_list("previous_code", flat=True)) == set(
        moit.items.values_list("code", flat=True)
    )

    earlier = client.post(url, {"fiscal_year": 2569})
    assert earlier.status_code == 200
    assert "2569" in earlier.content.decode()


def test_only_checklist_editors_may_start_a_year(client, unit_admin, moit):
    client.force_login(unit_admin)
    url = reverse("moit_checklist_start_next_year", args=[moit.pk])
    assert is_permission_denied(client.post(url, {"fiscal_year": 2571}))
    review = reverse("moit_checklist_roll_over", args=[moit.pk, 2571])
    assert is_permission_denied(client.get(review))
    assert is_permission_denied(client.post(review, {"action": "confirm"}))
    assert is_permission_denied(client.get(reverse("moit_checklists:index")))
    assert not Framework.objects.filter(fiscal_year=2571, slug="moit").exists()


def test_checklist_items_are_editable_inline(admin_client, moit):
    response = admin_client.get(reverse("moit_checklists:edit", args=[moit.pk]))
    assert response.status_code == 200
    assert "MOIT 22" in response.content.decode()


def test_unit_admin_records_an_exemption_for_own_site_only(
    client, unit_admin, own_site, other_site, moit
):
    client.force_login(unit_admin)
    item = moit.items.get(code="MOIT 13")
    add_url = reverse("moit_not_applicable:add")

    refused = client.post(add_url, {"site": other_site.pk, "item": item.pk, "justification": "x"})
    assert refused.status_code == 200
    assert not NotApplicable.objects.exists()

    empty = client.post(add_url, {"site": own_site.pk, "item": item.pk, "justification": " "})
    assert empty.status_code == 200
    assert "ไม่มีการจัดซื้อยา" not in empty.content.decode()
    assert not NotApplicable.objects.exists()

    client.post(add_url, {"site": own_site.pk, "item": item.pk, "justification": "ไม่มีการจัดซื้อยา"})
    record = NotApplicable.objects.get()
    assert (record.site, record.decided_by) == (own_site, unit_admin)


def test_other_units_records_are_invisible_and_unreachable(client, unit_admin, other_site, moit):
    foreign = NotApplicable.objects.create(
        item=moit.items.get(code="MOIT 13"), site=other_site, justification="ของหน่วยอื่น"
    )
    client.force_login(unit_admin)
    listing = client.get(reverse("moit_not_applicable:index"))
    assert listing.status_code == 200
    assert "ของหน่วยอื่น" not in listing.content.decode()
    edit = client.post(
        reverse("moit_not_applicable:edit", args=[foreign.pk]),
        {"site": other_site.pk, "item": foreign.item_id, "justification": "แก้"},
    )
    assert edit.status_code == 403  # another unit's record, whatever the view
    assert client.post(reverse("moit_not_applicable:delete", args=[foreign.pk])).status_code == 403
    foreign.refresh_from_db()
    assert foreign.justification == "ของหน่วยอื่น"


def test_evidence_link_must_be_a_page_of_own_site(
    client, unit_admin, other_site, moit, make_page, editor
):
    from tests import factories

    own_page = make_page(pages.AgencyDocumentPage, title="มาตรการป้องกันการรับสินบน")
    foreign_index = factories.build_indexes(other_site.root_page)[pages.AgencyInfoIndexPage]
    foreign_page = factories.publish(
        factories.build_page(pages.AgencyDocumentPage, editor), foreign_index
    )
    item = moit.items.get(code="MOIT 12")
    client.force_login(unit_admin)
    add_url = reverse("moit_evidence_links:add")

    client.post(add_url, {"item": item.pk, "page": foreign_page.pk})
    assert not ItemEvidence.objects.exists()
    client.post(add_url, {"item": item.pk, "page": own_page.pk})
    link = ItemEvidence.objects.get()
    assert (link.page_id, link.added_by) == (own_page.pk, unit_admin)
