"""Admin forms that keep each unit's records inside the unit's own sites."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from moit_wagtail.access import is_under, sites_for_user

from .models import ChecklistItem, Framework

OTHER_UNIT_SITE = _("Choose your own unit's website: the chosen website belongs to another unit.")
OTHER_UNIT_PAGE = _("Choose a page of your own unit's website.")


class ItemChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.framework.slug} {obj.framework.fiscal_year} · {obj.code} {obj.title}"


def item_field():
    return ItemChoiceField(
        queryset=ChecklistItem.objects.select_related("framework").order_by(
            "-framework__fiscal_year", "framework__slug", "sort_order"
        ),
        label=_("checklist item"),
    )


class NotApplicableForm(WagtailAdminModelForm):
    """Only the user's own sites can be chosen; a crafted POST for another is refused."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.fields["item"] = item_field()
        allowed = [site.pk for site in sites_for_user(for_user)] if for_user else []
        site = self.fields["site"]
        site.queryset = site.queryset.filter(pk__in=allowed)
        site.error_messages = {**site.error_messages, "invalid_choice": OTHER_UNIT_SITE}


class ItemEvidenceForm(WagtailAdminModelForm):
    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.fields["item"] = item_field()
        self.allowed_sites = sites_for_user(for_user) if for_user else []

    def clean_page(self):
        page = self.cleaned_data["page"]
        if page and not is_under(page, self.allowed_sites):
            raise ValidationError(OTHER_UNIT_PAGE)
        return page


class StartNextYearForm(forms.Form):
    fiscal_year = forms.IntegerField(
        label=_("new fiscal year (B.E.)"), min_value=2540, max_value=2700
    )

    def __init__(self, *args, framework, **kwargs):
        super().__init__(*args, **kwargs)
        self.framework = framework
        self.fields["fiscal_year"].initial = framework.fiscal_year + 1

    def clean_fiscal_year(self):
        year = self.cleaned_data["fiscal_year"]
        if Framework.objects.filter(slug=self.framework.slug, fiscal_year=year).exists():
            raise ValidationError(
                _("This list already exists for fiscal year %(year)s.") % {"year": year}
            )
        return year
