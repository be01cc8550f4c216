"""Admin screens for checklists (Wagtail ``ModelViewSet``), unit exemptions and links.

Checklists are shared by the installation and edited by whoever holds the model
permissions (the provincial office). Exemptions and evidence links belong to a unit:
their listings, edit and delete views only ever reach records of the user's own sites.
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

from moit_wagtail.access import sites_for_user, under_sites
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


class UnitScopedMixin:
    """Listings and object look-ups reach only records of the user's own sites."""

    scope_through = ""

    def unit_scope(self):
        return under_sites(sites_for_user(self.request.user), through=self.scope_through)

    def get_base_queryset(self):
        return super().get_base_queryset().filter(self.unit_scope())

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if not type(obj).objects.filter(self.unit_scope(), pk=obj.pk).exists():
            raise PermissionDenied
        return obj


def unit_scoped_views(through):
    """Index, edit and delete views of a unit record reached via ``through``."""
    attrs = {"scope_through": through}
    return tuple(
        type(view.__name__, (UnitScopedMixin, view), attrs)
        for view in (generic.IndexView, generic.EditView, generic.DeleteView)
    )


def recording_user(field):
    """A create view that stores the requesting user in ``field``."""

    def save_instance(self):
        setattr(self.form.instance, field, self.request.user)
        return generic.CreateView.save_instance(self)

    return type("CreateView", (generic.CreateView,), {"save_instance": save_instance})


class NotApplicableViewSet(ModelViewSet):
    model = NotApplicable
    copy_view_enabled = False
    add_view_class = recording_user("decided_by")
    index_view_class, edit_view_class, delete_view_class = unit_scoped_views("site__root_page__")
    icon = "cross"
    menu_label = _("Not applicable items")
    add_to_admin_menu = False
    edit_handler = ObjectList(NotApplicable.panels, base_form_class=NotApplicableForm)
    list_display = ["item", "site", "justification", "decided_at"]
    list_filter = ["site", "item__framework"]


class ItemEvidenceViewSet(ModelViewSet):
    model = ItemEvidence
    copy_view_enabled = False
    add_view_class = recording_user("added_by")
    index_view_class, edit_view_class, delete_view_class = unit_scoped_views("page__")
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
