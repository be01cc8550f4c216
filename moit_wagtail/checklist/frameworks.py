"""Loading the shipped checklists (``data/*.json``) and starting a new fiscal year.

Loading is idempotent and additive: a missing list or item is created, nothing an admin
edited is overwritten, so it runs safely after every ``migrate``.
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
        ChecklistItem(
            framework=framework,
            sort_order=position,
            code=row["code"],
            title_th=_text(row["title"], "th"),
            title_en=_text(row["title"], "en"),
            group_th=_text(row.get("group", ""), "th"),
            group_en=_text(row.get("group", ""), "en"),
            legal_basis=row.get("legal_basis", ""),
            requirement=row.get("requirement", "required"),
            frequency=row.get("frequency", "on_change"),
            due_quarter=row.get("due_quarter"),
            clause_codes=row.get("clause_codes", ""),
        )
        for position, row in enumerate(data["items"])
        if row["code"] not in existing
    ]
    ChecklistItem.objects.bulk_create(new_items)
    return framework, len(new_items)


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
