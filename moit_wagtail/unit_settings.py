"""Site settings are per unit: each unit's admins edit only their own site's settings.

Wagtail's ``SitePermissionPolicy`` (the policy of every ``BaseSiteSetting``) honours
``GroupSitePermission`` rows: a group may change a setting model on the listed sites only,
checked by the settings edit and preview views on GET and POST, and the site switcher
lists only those sites. So no policy of our own is needed: we grant per-site rows for
every site setting in Wagtail's settings registry (also ones apps add later), and never
the model-wide ``change_<setting>`` permission, which would open every unit's settings.
"""

from django.contrib.auth import get_permission_codename
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.contrib.settings.registry import registry
from wagtail.models import GroupSitePermission


def site_setting_permissions():
    """The ``change`` permission of every registered per-site setting."""
    for model in registry:
        if issubclass(model, BaseSiteSetting):
            yield Permission.objects.get(
                content_type=ContentType.objects.get_for_model(model),
                codename=get_permission_codename("change", model._meta),
            )


def grant_site_settings(group, sites):
    """Let ``group`` change every site setting of ``sites`` (and of no other site)."""
    permissions = list(site_setting_permissions())
    for site in sites:
        for permission in permissions:
            GroupSitePermission.objects.get_or_create(group=group, site=site, permission=permission)


def revoke_model_wide_site_settings(group):
    group.permissions.remove(*site_setting_permissions())
