"""Admin screens for checklists (Wagtail ``ModelViewSet``), unit exemptions and links.

Checklists are shared by the installation and edited by whoever holds the model
permissions (the provincial office). Exemptions and evidence links belong to a unit:
every view of theirs (listing, edit, delete, history, usage) reaches only records of the
user's own sites (``moit_wagtail.access.UnitScopedViewSet``).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets.button import MenuItem
from wagtail.models import ModelLogEntry

from moit_wagtail.access import UnitScope, UnitScopedViewSet
from moit_wagtail.admin_views import AdminScreen

from . import rollover
from .forms import ItemEvidenceForm, NotApplicableForm, RollOverMappingForm, StartNextYearForm
from .models import Framework, ItemEvidence, NotApplicable

START_NEXT_YEAR_URL = "moit_checklist_start_next_year"
ROLL_OVER_URL = "moit_checklist_roll_over"


class FrameworkIndexView(generic.IndexView):
    def get_base_queryset(self):
        unverified = Count("items", filter=Q(items__verified=False))
        return super().get_base_queryset().annotate(unverified_count=unverified)

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.permission_policy.user_has_permission(self.request.user, "add"):
            buttons.append(
                MenuItem(
                    _("Start the next fiscal year from this one"),
                    url=reverse(START_NEXT_YEAR_URL, args=[instance.pk]),
                    icon_name="copy",
                    priority=25,
                )
            )
        return buttons


class FrameworkViewSet(ModelViewSet):
    model = Framework
    icon = "list-ul"
    menu_label = _("Checklists")
    add_to_admin_menu = False
    copy_view_enabled = False
    index_view_class = FrameworkIndexView
    list_display = [
        "__str__",
        "slug",
        "fiscal_year",
        Column("unverified_count", label=_("Items not yet checked against the guide")),
    ]
    list_filter = ["slug", "fiscal_year"]
    search_fields = ["name_th", "name_en", "slug"]


class ProvincialChecklistScreen(AdminScreen):
    """A screen on one checklist for whoever may add checklists (the provincial office)."""

    def dispatch(self, request, *args, **kwargs):
        self.framework = get_object_or_404(Framework, pk=kwargs["pk"])
        if not request.user.has_perm("moit_checklist.add_framework"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.framework)


class StartNextYearView(ProvincialChecklistScreen, FormView):
    """Choose the fiscal year to roll a checklist over into; the review screen follows."""

    template_name = "moit_checklist/start_next_year.html"
    form_class = StartNextYearForm
    page_title = _("Start the next fiscal year")
    header_icon = "copy"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "framework": self.framework}

    def get_context_data(self, **kwargs):
        return super().get_context_data(framework=self.framework, **kwargs)

    def form_valid(self, form):
        return redirect(ROLL_OVER_URL, self.framework.pk, form.cleaned_data["fiscal_year"])


class RollOverView(ProvincialChecklistScreen, TemplateView):
    """Review what a roll-over carries, edit the mapping, then confirm (nothing is written
    before the confirmation; confirming again carries only what is still missing)."""

    template_name = "moit_checklist/roll_over.html"
    page_title = _("Carry the units' records into the new fiscal year")
    header_icon = "copy"

    def dispatch(self, request, *args, **kwargs):
        self.fiscal_year = kwargs["year"]
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, plan, form, **kwargs):
        for match in plan.matches:
            match.field = form[f"map-{match.old.pk}"] if plan.target else None
        last = (
            ModelLogEntry.objects.for_instance(plan.target)
            .filter(action=rollover.ROLL_OVER_ACTION)
            .order_by("-timestamp")
            .first()
            if plan.target
            else None
        )
        return super().get_context_data(plan=plan, form=form, last_roll_over=last, **kwargs)

    def get(self, request, *args, **kwargs):
        found = rollover.plan(self.framework, self.fiscal_year)
        form = RollOverMappingForm(plan=found)
        return self.render_to_response(self.get_context_data(plan=found, form=form))

    def post(self, request, *args, **kwargs):
        automatic = rollover.plan(self.framework, self.fiscal_year)
        form = RollOverMappingForm(request.POST, plan=automatic)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(plan=automatic, form=form))
        found = rollover.plan(self.framework, self.fiscal_year, form.by_hand())
        if request.POST.get("action") != "confirm":
            return self.render_to_response(self.get_context_data(plan=found, form=form))
        target, links, exemptions = rollover.apply(found, request.user)
        messages.success(
            request,
            _(
                "Rolled %(source)s over into %(target)s: %(links)s evidence links and "
                "%(exemptions)s not-applicable records carried."
            )
            % {
                "source": self.framework,
                "target": target,
                "links": links,
                "exemptions": exemptions,
            },
        )
        return redirect(ROLL_OVER_URL, self.framework.pk, self.fiscal_year)


def recording_user(field):
    """A create view that stores the requesting user in ``field``."""

    def save_instance(self):
        setattr(self.form.instance, field, self.request.user)
        return generic.CreateView.save_instance(self)

    return type("CreateView", (generic.CreateView,), {"save_instance": save_instance})


class NotApplicableViewSet(UnitScopedViewSet, ModelViewSet):
    model = NotApplicable
    unit_scope = UnitScope(site_field="site")
    copy_view_enabled = False
    add_view_class = recording_user("decided_by")
    icon = "cross"
    menu_label = _("Not applicable items")
    add_to_admin_menu = False
    edit_handler = ObjectList(NotApplicable.panels, base_form_class=NotApplicableForm)
    list_display = ["item", "site", "justification", "decided_at"]
    list_filter = ["site", "item__framework"]


class ItemEvidenceViewSet(UnitScopedViewSet, ModelViewSet):
    model = ItemEvidence
    unit_scope = UnitScope(page_field="page")
    copy_view_enabled = False
    add_view_class = recording_user("added_by")
    icon = "link"
    menu_label = _("Evidence page links")
    add_to_admin_menu = False
    edit_handler = ObjectList(ItemEvidence.panels, base_form_class=ItemEvidenceForm)
    list_display = ["item", "page", "added_at"]
    list_filter = ["item__framework"]


class ChecklistViewSetGroup(ModelViewSetGroup):
    menu_label = _("Checklists")
    menu_icon = "list-ul"
    menu_order = 175
    items = (
        FrameworkViewSet("moit_checklists"),
        NotApplicableViewSet("moit_not_applicable"),
        ItemEvidenceViewSet("moit_evidence_links"),
    )
