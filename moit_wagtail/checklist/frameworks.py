"""Loading the shipped checklists (``data/*.json``) and starting a new fiscal year.

Loading is idempotent and additive: a missing list or item is created, and an item that
has no evidence parts yet gets the shipped ones; nothing an admin edited is overwritten,
so it runs safely after every ``migrate``.
"""

import json
from pathlib import Path

from django.db import DEFAULT_DB_ALIAS, connections, transaction

DATA_DIR = Path(__file__).resolve().parent / "data"


def shipped_files():
    return sorted(DATA_DIR.glob("*.json"))


def _text(value, language):
    if isinstance(value, dict):
        return value.get(language, "")
    return value if language == "th" else ""


@transaction.atomic
def load_framework(data):
    """Create the framework described by ``data`` and any of its items still missing.

    Returns (framework, number of items created).
    """
    from .models import ChecklistItem, Framework

    framework, _created = Framework.objects.get_or_create(
        slug=data["slug"],
        fiscal_year=data["fiscal_year"],
        defaults={
            "name_th": _text(data["name"], "th"),
            "name_en": _text(data["name"], "en"),
            "source": _text(data.get("source", ""), "th"),
        },
    )
    # Fill what a newer release added, never what someone changed.
    added = {
        f"short_name_{language}": _text(data.get("short_name", ""), language)
        for language in ("th", "en")
    }
    added = {name: value for name, value in added.items() if value and not getattr(framework, name)}
    if added:
        Framework.objects.filter(pk=framework.pk).update(**added)
        for name, value in added.items():
            setattr(framework, name, value)
    existing = set(framework.items.values_list("code", flat=True))
    new_items = [
        ChecklistItem(framework=framework, sort_order=position, **_item_fields(row))
        for position, row in enumerate(data["items"])
        if row["code"] not in existing
    ]
    ChecklistItem.objects.bulk_create(new_items)
    _add_parts(framework, data["items"])
    return framework, len(new_items)


def _item_fields(row):
    return {
        "code": row["code"],
        "title_th": _text(row["title"], "th"),
        "title_en": _text(row["title"], "en"),
        "group_th": _text(row.get("group", ""), "th"),
        "group_en": _text(row.get("group", ""), "en"),
        "legal_basis": row.get("legal_basis", ""),
        "requirement": row.get("requirement", "required"),
        "frequency": row.get("frequency", "on_change"),
        "due_quarter": row.get("due_quarter"),
        "clause_codes": row.get("clause_codes", ""),
        "previous_code": row.get("previous_code", ""),
        "verified": row.get("verified", True),
        "verification_note": _text(row.get("verification_note", ""), "th")[:500],
    }


def _add_parts(framework, rows):
    """Give the shipped parts to items that have none yet (a release that added parts)."""
    from .models import ChecklistPart

    items = {item.code: item for item in framework.items.all()}
    with_parts = set(
        ChecklistPart.objects.filter(item__framework=framework).values_list("item_id", flat=True)
    )
    ChecklistPart.objects.bulk_create(
        ChecklistPart(
            item=items[row["code"]],
            sort_order=position,
            number=part["number"],
            title_th=_text(part["title"], "th"),
            title_en=_text(part["title"], "en"),
            requirement=part.get("requirement", "required"),
            frequency=part.get("frequency", "on_change"),
            due_quarter=part.get("due_quarter"),
            clause_codes=part.get("clause_codes", ""),
        )
        for row in rows
        if row.get("parts") and items[row["code"]].pk not in with_parts
        for position, part in enumerate(row["parts"])
    )


def load_shipped():
    """Load every shipped checklist; returns [(framework, items created)]."""
    return [
        load_framework(json.loads(path.read_text(encoding="utf-8"))) for path in shipped_files()
    ]


def load_shipped_after_migrate(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    """post_migrate receiver: the shipped lists exist in every installation."""
    from .models import ChecklistItem

    if ChecklistItem._meta.db_table not in connections[using].introspection.table_names():
        return  # migrated backwards past this app
    load_shipped()
