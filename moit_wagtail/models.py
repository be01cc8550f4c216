"""Who the unit is. One installation serves several units, one Site each.

Two records per unit, because two kinds of people edit them: the ``Unit`` (its type, the
key its groups and collection are named by, the unit that oversees it) decides privileges,
so only superusers and the provincial office's admins set it; the ``AgencyProfile`` is
what the public sees (names, contact), so the unit's own admins keep it up to date.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site

UNIT_TYPES = [
    ("pho", _("Provincial health office")),
    ("dho", _("District health office")),
    ("hospital", _("Hospital")),
    ("sho", _("Sub-district health promoting hospital")),
    ("other", _("Other unit")),
]


class Unit(models.Model):
    """A unit of the installation: the facts ``setup_units`` derives every right from."""

    site = models.OneToOneField(
        Site, verbose_name=_("site"), on_delete=models.CASCADE, related_name="moit_unit"
    )
    group_key = models.CharField(
        _("short name (group key)"),
        max_length=64,
        unique=True,
        help_text=_(
            "Names the unit's groups, collection and workflow, e.g. สสอ.เมือง. "
            "Set once, when the unit is created."
        ),
    )
    unit_type = models.CharField(_("type of unit"), max_length=16, choices=UNIT_TYPES)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("overseen by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=_(
            "The unit above this one: the provincial office's admins also look after "
            "the settings of the units below it."
        ),
    )

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["group_key"]

    def __str__(self):
        return self.group_key

    @property
    def is_provincial(self):
        return self.unit_type == "pho"

    def ancestors(self):
        """The units above this one, nearest first (a cycle stops the walk)."""
        seen, unit = {self.pk}, self.parent
        while unit is not None and unit.pk not in seen:
            yield unit
            seen.add(unit.pk)
            unit = unit.parent

    def overseen_sites(self):
        """The sites of the units below this one in the hierarchy."""
        units = Unit.objects.exclude(pk=self.pk).select_related("site", "parent")
        return [unit.site for unit in units if any(u.pk == self.pk for u in unit.ancestors())]

    def clean(self):
        super().clean()
        if self.parent_id and (
            self.parent_id == self.pk or any(u.pk == self.pk for u in self.parent.ancestors())
        ):
            raise ValidationError({"parent": _("A unit cannot oversee itself.")})

    @classmethod
    def for_site(cls, site):
        return cls.objects.filter(site=site).first()


@register_setting(icon="home")
class AgencyProfile(BaseSiteSetting):
    """The unit this site publishes for; shown in the header, footer and evidence forms.

    Only what the public reads: nothing here decides anyone's rights (see ``Unit``).
    """

    name_th = models.CharField(_("unit name (Thai)"), max_length=255)
    name_en = models.CharField(_("unit name (English)"), max_length=255, blank=True)
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
