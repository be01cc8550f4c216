"""Starting a fiscal year from the previous one without losing any unit's records.

Each unit's evidence-page links and "not applicable" records hang on the previous
year's items. A roll-over maps every old item to the new year's item of the same meaning
(by the new item's ``previous_code``, else by the same code, else as the admin maps it by
hand), shows what it would carry and what it cannot, and only on confirmation copies the
records. It never moves or deletes the old year's records, so the old year's reports stay
as they were, and running it again carries only what is still missing (idempotent). A
"not applicable" record is carried only where the item's title is unchanged: a reworded
item needs the unit's fresh justification.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import Site

from moit_wagtail.access import SiteIndex

from .models import ChecklistItem, Framework, ItemEvidence, NotApplicable

ROLL_OVER_ACTION = "moit_checklist.roll_over"

BY_PREVIOUS_CODE = "previous_code"
BY_CODE = "code"
BY_HAND = "by_hand"
MATCHED_BY = {
    BY_PREVIOUS_CODE: _("by its code in the previous year"),
    BY_CODE: _("by the same code"),
    BY_HAND: _("mapped by hand"),
}


@dataclass
class Match:
    """One old item, the new item its records go to (None: not carried), and how."""

    old: object
    new: object = None
    how: str = ""
    links: int = 0
    exemptions: int = 0
    fresh_justifications: list = field(default_factory=list)  # NotApplicable not carried

    @property
    def how_label(self):
        return MATCHED_BY.get(self.how, "")

    @property
    def renumbered(self):
        return self.new is not None and self.new.code != self.old.code


@dataclass
class Plan:
    source: object
    fiscal_year: int
    target: object  # the existing list of that year, or None: it is created by copying
    matches: list
    added: list  # new items no old item maps to
    units: list  # (site, links, exemptions) carried per unit

    @property
    def creates_list(self):
        return self.target is None

    @property
    def unmatched(self):
        return [match for match in self.matches if match.new is None]

    @property
    def fresh_justifications(self):
        return [record for match in self.matches for record in match.fresh_justifications]

    @property
    def link_count(self):
        return sum(match.links for match in self.matches if match.new is not None)

    @property
    def exemption_count(self):
        return sum(match.exemptions for match in self.matches if match.new is not None)


def automatic_matches(old_items, new_items):
    """{old item pk: (new item, how)}: by the new item's previous code, then by the same code.

    A new item that names a previous code takes only that old item, so an item moved from
    13 to 12 takes 13's records and 12's old records do not follow the number.
    """
    by_previous = {item.previous_code: item for item in new_items if item.previous_code}
    by_code = {item.code: item for item in new_items}
    found = {}
    taken = set()
    for old in old_items:
        new = by_previous.get(old.code)
        if new is not None:
            found[old.pk] = (new, BY_PREVIOUS_CODE)
            taken.add(new.pk)
    for old in old_items:
        new = by_code.get(old.code)
        if old.pk in found or new is None or new.pk in taken:
            continue
        if new.previous_code and new.previous_code != old.code:
            continue  # renumbered: it continues another old item
        found[old.pk] = (new, BY_CODE)
        taken.add(new.pk)
    return found


def plan(source, fiscal_year, by_hand=None):
    """What a roll-over of ``source`` into ``fiscal_year`` would carry; writes nothing.

    ``by_hand`` maps old item pks to new item pks (None: do not carry), overriding the
    automatic match; it applies only when the new year's list exists already.
    """
    target = Framework.objects.filter(slug=source.slug, fiscal_year=fiscal_year).first()
    old_items = list(source.items.all())
    if target is None:
        new_items = []
        automatic = {old.pk: (old, BY_CODE) for old in old_items}  # copied as they are
    else:
        new_items = list(target.items.all())
        automatic = automatic_matches(old_items, new_items)
        new_by_pk = {item.pk: item for item in new_items}
        for old_pk, new_pk in (by_hand or {}).items():
            if new_pk is None:
                automatic.pop(old_pk, None)
            elif new_pk in new_by_pk and automatic.get(old_pk, (None,))[0] != new_by_pk[new_pk]:
                automatic[old_pk] = (new_by_pk[new_pk], BY_HAND)
    links = Counter(
        ItemEvidence.objects.filter(item__framework=source).values_list("item_id", flat=True)
    )
    exemptions = {}
    for record in NotApplicable.objects.filter(item__framework=source).select_related("site"):
        exemptions.setdefault(record.item_id, []).append(record)
    matches = []
    for old in old_items:
        new, how = automatic.get(old.pk, (None, ""))
        records = exemptions.get(old.pk, [])
        keeps_meaning = new is not None and new.title_th.strip() == old.title_th.strip()
        matches.append(
            Match(
                old,
                new,
                how,
                links=links.get(old.pk, 0),
                exemptions=len(records) if keeps_meaning else 0,
                fresh_justifications=[] if keeps_meaning or new is None else records,
            )
        )
    mapped = {match.new.pk for match in matches if match.new is not None and target}
    added = [item for item in new_items if item.pk not in mapped]
    return Plan(source, fiscal_year, target, matches, added, _per_unit(source, matches))


def _per_unit(source, matches):
    carried = {match.old.pk for match in matches if match.new is not None}
    keeps = {match.old.pk for match in matches if match.exemptions}
    sites = list(Site.objects.select_related("root_page").order_by("site_name", "hostname"))
    index = SiteIndex(sites)
    links, exemptions = Counter(), Counter()
    for item_id, path in ItemEvidence.objects.filter(item__framework=source).values_list(
        "item_id", "page__path"
    ):
        site = index.site_of(path)
        if item_id in carried and site is not None:
            links[site.pk] += 1
    for item_id, site_id in NotApplicable.objects.filter(item__framework=source).values_list(
        "item_id", "site_id"
    ):
        if item_id in keeps:
            exemptions[site_id] += 1
    return [
        (site, links[site.pk], exemptions[site.pk])
        for site in sites
        if links[site.pk] or exemptions[site.pk]
    ]


@transaction.atomic
def apply(plan_, user=None):
    """Carry the records as ``plan_`` says; returns (list, links added, exemptions added).

    Re-running adds nothing that is already there (the records' unique constraints).
    """
    source = plan_.source
    target = plan_.target or source.copy_to_year(plan_.fiscal_year)
    if plan_.target is None:
        by_code = {item.code: item for item in target.items.all()}
        pairs = {match.old.pk: by_code[match.old.code] for match in plan_.matches}
    else:
        pairs = {match.old.pk: match.new for match in plan_.matches if match.new is not None}
    keeps = {match.old.pk for match in plan_.matches if match.exemptions}
    parts = {}
    for item in ChecklistItem.objects.filter(pk__in=[new.pk for new in pairs.values()]):
        parts[item.pk] = {part.number: part for part in item.parts.all()}
    links_added = 0
    for link in ItemEvidence.objects.filter(item__framework=source).select_related("part"):
        new = pairs.get(link.item_id)
        if new is None:
            continue
        part = parts.get(new.pk, {}).get(link.part.number) if link.part else None
        _record, created = ItemEvidence.objects.get_or_create(
            item=new, page_id=link.page_id, defaults={"part": part, "added_by_id": link.added_by_id}
        )
        links_added += created
    exemptions_added = 0
    for record in NotApplicable.objects.filter(item__framework=source, item_id__in=keeps):
        _record, created = NotApplicable.objects.get_or_create(
            item=pairs[record.item_id],
            site_id=record.site_id,
            defaults={
                "justification": record.justification,
                "decided_by_id": record.decided_by_id,
            },
        )
        exemptions_added += created
    log(
        instance=target,
        action=ROLL_OVER_ACTION,
        user=user,
        data={
            "from": source.fiscal_year,
            "to": target.fiscal_year,
            "links": links_added,
            "exemptions": exemptions_added,
            "by_hand": {
                match.old.code: match.new.code if match.new else None
                for match in plan_.matches
                if match.how == BY_HAND or (plan_.target and match.new is None)
            },
        },
    )
    return target, links_added, exemptions_added
