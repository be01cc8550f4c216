"""The 1.10 statistics page's sections, contributed by the apps that are installed.

The category index of seed 1.10 names no optional app: each app (visitor statistics,
satisfaction survey...) registers a function with the Wagtail hook
``register_moit_statistics_sections``. It is called as ``fn(page, request)`` and returns a
``StatisticsSection`` (or a list of them, or ``None`` to show nothing). The page renders the
sections by ``order``, each template with the page's context plus the section's own.
"""

from dataclasses import dataclass, field

from wagtail import hooks

HOOK = "register_moit_statistics_sections"


@dataclass(frozen=True)
class StatisticsSection:
    template: str
    context: dict = field(default_factory=dict)
    order: int = 500


def sections_for(page, request):
    """Every installed app's sections for ``page``, in order."""
    found = []
    for fn in hooks.get_hooks(HOOK):
        result = fn(page, request)
        if result is None:
            continue
        found.extend(result if isinstance(result, list | tuple) else [result])
    return sorted(found, key=lambda section: section.order)
