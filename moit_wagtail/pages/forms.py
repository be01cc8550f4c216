"""The admin form of every publication page: seed metadata required on publish, not on drafts."""

from wagtail.admin.forms import WagtailAdminPageForm

from moit_wagtail.people import limit_to_unit_staff, site_of_page


class PublicationPageForm(WagtailAdminPageForm):
    """Adds each page type's conditional requirements (a law's source, a plan's fiscal
    year) to Wagtail's own required-field handling, and defers them for drafts the same
    way Wagtail defers required fields. The person responsible is chosen from the
    unit's own staff."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("responsible_person")
        if field is not None:
            site = site_of_page(self.instance, self.parent_page)
            limit_to_unit_staff(field, site, keep=self.instance.responsible_person_id)

    def clean(self):
        cleaned_data = super().clean()
        if not self.is_deferred_validation:
            for field, message in self._meta.model.conditional_requirements(cleaned_data).items():
                if field not in self.errors:
                    self.add_error(field, message)
        return cleaned_data
