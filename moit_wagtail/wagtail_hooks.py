"""Wiring only: hooks of the core app."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.account import BaseSettingsPanel

from . import access, date_inputs
from .models import StaffProfile
from .page_cache import mark_cacheable
from .unit_admin import UnitViewSet

hooks.register("before_serve_page", mark_cacheable)
hooks.register("insert_global_admin_js", date_inputs.admin_js)
hooks.register("insert_global_admin_css", date_inputs.admin_css)
hooks.register("construct_page_chooser_queryset", access.chooser_pages)


class StaffProfileForm(forms.ModelForm):
    class Meta:
        model = StaffProfile
        fields = ["position"]


@hooks.register("register_account_settings_panel")
class StaffProfilePanel(BaseSettingsPanel):
    """Each member of staff states their own position in Account settings."""

    name = "moit_staff_profile"
    title = _("Position for evidence forms")
    order = 150
    form_class = StaffProfileForm

    def get_form(self):
        profile = StaffProfile.objects.filter(user=self.user).first() or StaffProfile(
            user=self.user
        )
        data = (self.request.POST, self.request.FILES) if self.request.method == "POST" else ()
        return self.form_class(*data, instance=profile, prefix=self.name)


@hooks.register("register_admin_viewset")
def register_unit_viewset():
    return UnitViewSet("moit_units")


@hooks.register("register_moit_unit_permissions")
def core_unit_permissions():
    # Only the provincial office (and superusers) set up units and their hierarchy;
    # deleting a unit is left to superusers.
    return [("provincial", f"moit_wagtail.{action}_unit") for action in ("add", "change", "view")]
