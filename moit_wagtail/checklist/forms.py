"""Admin forms that keep each unit's records inside the unit's own sites."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from moit_wagtail.access import is_under, sites_for_user

from .models import ChecklistItem, ChecklistPart, ItemEvidence

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


class PartChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        framework = obj.item.framework
        return f"{framework.slug} {framework.fiscal_year} · {obj.item.code} {obj.label} {obj.title}"


class ItemEvidenceForm(WagtailAdminModelForm):
    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.fields["item"] = item_field()
        self.fields["part"] = PartChoiceField(
            queryset=ChecklistPart.objects.select_related("item__framework").order_by(
                "-item__framework__fiscal_year",
                "item__framework__slug",
                "item__sort_order",
                "sort_order",
            ),
            label=_("evidence part"),
            required=False,
            help_text=ItemEvidence._meta.get_field("part").help_text,
        )
        self.allowed_sites = sites_for_user(for_user) if for_user else []

    def clean_page(self):
        page = self.cleaned_data["page"]
        if page and not is_under(page, self.allowed_sites):
            raise ValidationError(OTHER_UNIT_PAGE)
        return page


class StartNextYearForm(forms.Form):
    fiscal_year = forms.IntegerField(
        label=_("new fiscal year (B.E.)"),
        min_value=2540,
        max_value=2700,
        help_text=_(
            "If the list of that year exists already (shipped or started earlier), the units' "
            "records are carried into it; otherwise it is created as a copy of this one."
        ),
    )

    def __init__(self, *args, framework, **kwargs):
        super().__init__(*args, **kwargs)
        self.framework = framework
        self.fields["fiscal_year"].initial = framework.fiscal_year + 1

    def clean_fiscal_year(self):
        year = self.cleaned_data["fiscal_year"]
        if year <= self.framework.fiscal_year:
            raise ValidationError(
                _("Choose a fiscal year after %(year)s.") % {"year": self.framework.fiscal_year}
            )
        return year


NOT_CARRIED = "none"


class RollOverMappingForm(forms.Form):
    """One select per old item: the new year's item its records go to, or none."""

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        if plan.target is None:
            return  # the new list is a copy: every item maps to its own copy
        choices = [(NOT_CARRIED, _("— not carried —"))] + [
            (str(item.pk), f"{item.code} {item.title}") for item in plan.target.items.all()
        ]
        for match in plan.matches:
            self.fields[f"map-{match.old.pk}"] = forms.ChoiceField(
                label=f"{match.old.code} {match.old.title}",
                choices=choices,
                initial=str(match.new.pk) if match.new else NOT_CARRIED,
                required=False,  # left out: the automatic match
            )

    def by_hand(self):
        """{old item pk: new item pk or None} as chosen."""
        chosen = {}
        for match in self.plan.matches:
            value = self.cleaned_data.get(f"map-{match.old.pk}")
            if value:
                chosen[match.old.pk] = None if value == NOT_CARRIED else int(value)
        return chosen
