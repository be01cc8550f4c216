"""The three roles of a unit's website, as Django groups with Wagtail permissions.

The seed announcement (2.1, 2.2, 3.1) has staff propose information, the head of the
responsible group approve it, and at least two website admins who can stand in for each
other. So editors may add and edit pages but never publish: the approval workflow is the
only path to the public site. Approvers publish; admins also lock, unlock and bulk-delete
and edit the unit's profile. Everything is scoped to the unit's own site root and its own
collection, so one installation can serve several units.

Group names are stored Thai data, not translated UI strings: they are the stable keys
that make ``ensure_unit_groups`` idempotent, whatever language the admin runs in.
"""

from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

ADMINS_ROLE = "ผู้ดูแลเว็บไซต์"
EDITORS_ROLE = "เจ้าของข้อมูล/ผู้จัดทำเนื้อหา"
APPROVERS_ROLE = "ผู้อนุมัติ (หัวหน้ากลุ่มงาน)"

EDITOR_PAGE_PERMISSIONS = ("add", "change")
APPROVER_PAGE_PERMISSIONS = (*EDITOR_PAGE_PERMISSIONS, "publish")
ADMIN_PAGE_PERMISSIONS = (*APPROVER_PAGE_PERMISSIONS, "lock", "unlock", "bulk_delete")

UNIT_CHECKLIST_PERMISSIONS = [
    f"{action}_{model}"
    for model in ("notapplicable", "itemevidence")
    for action in ("add", "change", "delete", "view")
]
# The provincial office edits the shared checklists and follows every unit (seed 3.3), and
# runs the installation, so it answers an officer's request for traffic data (CCA s.26).
PROVINCIAL_PERMISSIONS = [
    ("moit_checklist", "view_all_units"),
    *(("moit_checklist", f"{action}_framework") for action in ("add", "change", "delete", "view")),
    ("moit_traffic", "export_trafficlog"),
]

MEDIA_APPS = {"wagtaildocs": "document", "wagtailimages": "image"}
MEDIA_ACTIONS = ("add", "change", "choose")
ADMIN_MEDIA_ACTIONS = (*MEDIA_ACTIONS, "delete")


@dataclass(frozen=True)
class UnitGroups:
    admins: Group
    editors: Group
    approvers: Group
    collection: Collection

    def all(self):
        return [self.admins, self.editors, self.approvers]


def group_name(unit_short_name, role):
    return f"{unit_short_name}: {role}"


def unit_collection(unit_short_name):
    """The unit's own collection of documents and images, directly under the root."""
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=unit_short_name).first()
    return existing or root.add_child(name=unit_short_name)


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _grant_pages(group, page, actions):
    for action in actions:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=_permission("wagtailcore", f"{action}_page")
        )


def _grant_media(group, collection, actions):
    for app_label, model_name in MEDIA_APPS.items():
        for action in actions:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=collection,
                permission=_permission(app_label, f"{action}_{model_name}"),
            )


def _ensure_group(unit_short_name, role, site, collection, page_actions, media_actions):
    group, _created = Group.objects.get_or_create(name=group_name(unit_short_name, role))
    group.permissions.add(_permission("wagtailadmin", "access_admin"))
    _grant_pages(group, site.root_page, page_actions)
    _grant_media(group, collection, media_actions)
    return group


def ensure_unit_groups(site, unit_short_name):
    """Create (or complete) the admin, editor and approver groups of one unit's site.

    Running it again adds nothing; it never removes a permission someone granted by hand.
    """
    collection = unit_collection(unit_short_name)

    def ensure(role, page_actions, media_actions=MEDIA_ACTIONS):
        return _ensure_group(unit_short_name, role, site, collection, page_actions, media_actions)

    admins = ensure(ADMINS_ROLE, ADMIN_PAGE_PERMISSIONS, ADMIN_MEDIA_ACTIONS)
    # Wagtail checks site-setting permissions per model, not per site: any unit's admins
    # can open every unit's profile. Acceptable while one province runs the installation.
    admins.permissions.add(_permission("moit_wagtail", "change_agencyprofile"))
    # Exemptions and evidence links are unit records: the views keep them to own sites.
    for codename in UNIT_CHECKLIST_PERMISSIONS:
        admins.permissions.add(_permission("moit_checklist", codename))
    # Citizens' complaints and information requests hold personal data: admins only.
    admins.permissions.add(_permission("moit_eservices", "handle_submission"))
    return UnitGroups(
        admins=admins,
        editors=ensure(EDITORS_ROLE, EDITOR_PAGE_PERMISSIONS),
        approvers=ensure(APPROVERS_ROLE, APPROVER_PAGE_PERMISSIONS),
        collection=collection,
    )


def grant_provincial_oversight(unit_groups):
    """Let the provincial office's admins edit checklists, see every unit's roll-up and
    export the traffic log."""
    installed = {config.label for config in apps.get_app_configs()}
    for app_label, codename in PROVINCIAL_PERMISSIONS:
        if app_label in installed:  # the traffic log is optional for other projects
            unit_groups.admins.permissions.add(_permission(app_label, codename))
