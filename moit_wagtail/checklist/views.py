"""Admin screens for checklists (Wagtail ``ModelViewSet``), unit exemptions and links.

Checklists are shared by the installation and edited by whoever holds the model
permissions (the provincial office). Exemptions and evidence links belong to a unit:
every view of theirs (listing, edit, delete, history, usage) reaches only records of the
user's own sites (``moit_wagtail.access.UnitScopedViewSet``).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.panels import ObjectList
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets.button import MenuItem

from moit_wagtail.access import UnitScope, UnitScopedViewSet
from moit_wagtail.admin_views import AdminScreen

from .forms import ItemEvidenceForm, NotApplicableForm, StartNextYearForm
from .models import Framework, ItemEvidence, NotApplicable

START_NEXT_YEAR_URL = "moit_checklist_start_next_year"


class FrameworkIndexView(generic.IndexView):
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
    list_display = ["__str__", "slug", "fiscal_year"]
    list_filter = ["slug", "fiscal_year"]
    search_fields = ["name_th", "name_en", "slug"]


class StartNextYearView(AdminScreen, FormView):
    """Copy a checklist to another fiscal year (MOIT renumbers items between years)."""

    template_name = "moit_checklist/start_next_year.html"
    form_class = StartNextYearForm
    page_title = _("Start the next fiscal year")
    header_icon = "copy"

    def dispatch(self, request, *args, **kwargs):
        self.framework = get_object_or_404(Framework, pk=kwargs["pk"])
        if not request.user.has_perm("moit_checklist.add_framework"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.framework)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "framework": self.framework}

    def get_context_data(self, **kwargs):
        return super().get_context_data(framework=self.framework, **kwargs)

    def form_valid(self, form):
        copy = self.framework.copy_to_year(form.cleaned_data["fiscal_year"])
        messages.success(
            self.request,
            _("Started %(copy)s with %(count)s items. Adjust the items that changed.")
            % {"copy": copy, "count": copy.items.count()},
        )
        return redirect("moit_checklists:edit", copy.pk)


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
