"""Settings › Units: where superusers and the provincial office's admins set up units.

The unit record decides rights (see ``models.Unit``), so the viewset's permission policy
is Django's model permissions, which only the provincial role is given (and superusers
hold); a unit's own admins never see this menu. A unit's site and group key are fixed once
it exists: its groups, collection and workflow are named by the key, and renaming it
would leave the old groups with their rights.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.viewsets.model import ModelViewSet

from .models import Unit

FIXED_ONCE_CREATED = ("site", "group_key")


class UnitForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for name in FIXED_ONCE_CREATED:
                # A disabled field keeps its saved value, whatever a POST says.
                self.fields[name].disabled = True


class UnitViewSet(ModelViewSet):
    model = Unit
    icon = "site"
    menu_label = _("Units")
    add_to_settings_menu = True
    menu_order = 250
    url_prefix = "moit/units"
    list_display = ["group_key", "site", "unit_type", "parent"]
    list_filter = ["unit_type"]
    search_fields = ["group_key"]
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("site"), FieldPanel("group_key")]),
            FieldRowPanel([FieldPanel("unit_type"), FieldPanel("parent")]),
        ],
        base_form_class=UnitForm,
    )
