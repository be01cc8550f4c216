"""The seed announcement's clauses (1.1-1.10 and their sub-items), read from shipped data.

Page types name the clause they serve by code; reports and checklists read the same
codes, so the list lives once, in ``data/seed_clauses.json``, with Thai and English titles.
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import get_language

DATA_FILE = Path(__file__).resolve().parent / "data" / "seed_clauses.json"


@dataclass(frozen=True)
class Clause:
    code: str
    title_th: str
    title_en: str
    parent: str = ""

    @property
    def title(self):
        """The title in the active language (Thai unless English is active)."""
        return self.title_en if (get_language() or "th").startswith("en") else self.title_th

    def __str__(self):
        return f"{self.code} {self.title}"


@cache
def all_clauses():
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return {
        row["code"]: Clause(row["code"], row["th"], row["en"], row.get("parent", ""))
        for row in data["clauses"]
    }


def get_clause(code):
    return all_clauses()[code]


def top_level_clauses():
    return [clause for clause in all_clauses().values() if not clause.parent]


def sub_clauses(parent_code, codes=None):
    """Sub-items of one clause, optionally limited to ``codes`` (in data order)."""
    return [
        clause
        for clause in all_clauses().values()
        if clause.parent == parent_code and (codes is None or clause.code in codes)
    ]


def clause_choices(parent_code, codes=None):
    """A callable-friendly choices list for a model field (labels follow the active language)."""
    return [(clause.code, clause.title) for clause in sub_clauses(parent_code, codes)]
