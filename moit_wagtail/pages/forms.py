"""The admin form of every publication page: seed metadata required on publish, not on drafts."""

from wagtail.admin.forms import WagtailAdminPageForm


class PublicationPageForm(WagtailAdminPageForm):
    """Adds each page type's conditional requirements (a law's source, a plan's fiscal
    year) to Wagtail's own required-field handling, and defers them for drafts the same
    way Wagtail defers required fields."""

    def clean(self):
        cleaned_data = super().clean()
        if not self.is_deferred_validation:
            for field, message in self._meta.model.conditional_requirements(cleaned_data).items():
                if field not in self.errors:
                    self.add_error(field, message)
        return cleaned_data
