"""Edit-screen panels of a checklist.

Wagtail's ``HelpPanel`` shows fixed text; the list of items still to be checked against
the year's guide depends on the checklist being edited, hence a small ``Panel``.
"""

from wagtail.admin.panels import Panel


class UnverifiedItemsPanel(Panel):
    """Which items are only carried over from the previous year, with what is to check."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "moit_checklist/panels/unverified_items.html"

        @property
        def unverified(self):
            if self.instance is None or self.instance.pk is None:
                return []
            return list(
                self.instance.items.filter(verified=False).only(
                    "code", "title_th", "title_en", "verification_note"
                )
            )

        def is_shown(self):
            return bool(self.unverified)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["items"] = self.unverified
            return context
