"""Per-site settings: who the unit is. One installation serves several units, one Site each."""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

UNIT_TYPES = [
    ("pho", _("Provincial health office")),
    ("dho", _("District health office")),
    ("hospital", _("Hospital")),
    ("sho", _("Sub-district health promoting hospital")),
    ("other", _("Other unit")),
]


@register_setting(icon="home")
class AgencyProfile(BaseSiteSetting):
    """The unit this site publishes for; shown in the header, footer and evidence forms."""

    name_th = models.CharField(_("unit name (Thai)"), max_length=255)
    name_en = models.CharField(_("unit name (English)"), max_length=255, blank=True)
    short_name = models.CharField(_("short name"), max_length=64, blank=True)
    unit_type = models.CharField(
        _("type of unit"), max_length=16, choices=UNIT_TYPES, default="pho"
    )
    parent_unit = models.CharField(
        _("parent agency"),
        max_length=255,
        blank=True,
        help_text=_("e.g. สำนักงานปลัดกระทรวงสาธารณสุข"),
    )
    address = models.TextField(_("address"), blank=True)
    phone = models.CharField(_("phone"), max_length=128, blank=True)
    fax = models.CharField(_("fax"), max_length=128, blank=True)
    email = models.EmailField(_("email"), blank=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name_th"),
                FieldPanel("name_en"),
                FieldRowPanel([FieldPanel("short_name"), FieldPanel("unit_type")]),
                FieldPanel("parent_unit"),
            ],
            heading=_("Unit"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("fax"), FieldPanel("email")]),
            ],
            heading=_("Contact shown in the footer"),
        ),
    ]

    class Meta:
        verbose_name = _("agency profile")

    def __str__(self):
        return self.name_th or str(self.site)

    @property
    def name(self):
        if (get_language() or "th").startswith("en") and self.name_en:
            return self.name_en
        return self.name_th


class StaffProfile(models.Model):
    """What a staff member's signature block says about them (the publishing-request form)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="moit_profile"
    )
    position = models.CharField(
        _("position"),
        max_length=255,
        blank=True,
        help_text=_("As printed under your name on evidence forms, e.g. นักวิชาการสาธารณสุขชำนาญการ."),
    )

    class Meta:
        verbose_name = _("staff profile")

    def __str__(self):
        return self.position

    @classmethod
    def position_of(cls, user):
        if user is None:
            return ""
        try:
            return user.moit_profile.position
        except cls.DoesNotExist:
            return ""
