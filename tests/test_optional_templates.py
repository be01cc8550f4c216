"""The core's templates name no optional app; the 1.10 page shows what apps contribute."""

import re
from pathlib import Path

from wagtail import hooks

from moit_wagtail.pages import models as pages
from moit_wagtail.pages.statistics_sections import HOOK, StatisticsSection, sections_for

ROOT = Path(__file__).resolve().parent.parent
CORE_TEMPLATES = [
    ROOT / "moit_wagtail" / "templates",
    ROOT / "moit_wagtail" / "pages" / "templates",
    ROOT / "moit_wagtail" / "workflow" / "templates",
    ROOT / "home" / "templates",
    ROOT / "site" / "moit_site" / "templates",
]
OPTIONAL_LIBRARIES = {
    path.stem
    for path in (ROOT / "moit_wagtail").glob("*/templatetags/*.py")
    if path.parent.parent.name not in {"pages", "workflow"} and path.stem != "__init__"
}


def test_no_core_template_loads_an_optional_tag_library():
    assert {"moit_stats", "moit_survey_tags", "moit_public"} <= OPTIONAL_LIBRARIES
    offending = []
    for folder in CORE_TEMPLATES:
        for path in folder.rglob("*.html"):
            for load in re.findall(r"{%\s*load\s+([^%]+)%}", path.read_text()):
                offending += [
                    (path.name, name) for name in load.split() if name in OPTIONAL_LIBRARIES
                ]
    assert offending == []


def test_the_statistics_page_renders_each_apps_section_in_order(client, category_indexes):
    index = category_indexes[pages.StatisticsIndexPage]

    def extra(page, request):
        return StatisticsSection("moit_wagtail/includes/pagination.html", {"marker": 1}, order=150)

    with hooks.register_temporarily(HOOK, extra):
        shown = [section.template for section in sections_for(index, None)]
        response = client.get(index.url)
    assert shown == [
        "moit_survey/includes/statistics_section.html",
        "moit_wagtail/includes/pagination.html",
        "moit_stats/statistics_section.html",
    ]
    assert response.status_code == 200
    assert response.context["statistics_sections"][1].context == {"marker": 1}
    assert 'class="stats-report"' in response.content.decode()
