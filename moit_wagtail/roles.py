"""The three roles of a unit's website, as Django groups with Wagtail permissions.

The seed announcement (2.1, 2.2, 3.1) has staff propose information, the head of the
responsible group approve it, and at least two website admins who can stand in for each
other. So editors may add and edit pages but never publish: the approval workflow is the
only path to the public site. Approvers publish; admins also lock, unlock and bulk-delete
and edit the unit's site settings. Everything is scoped to the unit's own site root, its
own collection and its own site's settings, so one installation can serve several units.

Each app grants the rights its own features need through the ``register_moit_unit_permissions``
hook (see ``contributed_permissions``), so an app that is not installed grants nothing.

Group names are stored Thai data, not translated UI strings: they are the stable keys
that make ``ensure_unit_groups`` idempotent, whatever language the admin runs in. Their
prefix is the unit's ``Unit.group_key``, which the unit's own admins cannot change.
"""

from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ImproperlyConfigured
from wagtail import hooks
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from .unit_settings import grant_site_settings, revoke_model_wide_site_settings

ADMINS_ROLE = "ผู้ดูแลเว็บไซต์"
EDITORS_ROLE = "เจ้าของข้อมูล/ผู้จัดทำเนื้อหา"
APPROVERS_ROLE = "ผู้อนุมัติ (หัวหน้ากลุ่มงาน)"

EDITOR_PAGE_PERMISSIONS = ("add", "change")
APPROVER_PAGE_PERMISSIONS = (*EDITOR_PAGE_PERMISSIONS, "publish")
ADMIN_PAGE_PERMISSIONS = (*APPROVER_PAGE_PERMISSIONS, "lock", "unlock", "bulk_delete")

MEDIA_APPS = {"wagtaildocs": "document", "wagtailimages": "image"}
MEDIA_ACTIONS = ("add", "change", "choose")
ADMIN_MEDIA_ACTIONS = (*MEDIA_ACTIONS, "delete")

UNIT_PERMISSIONS_HOOK = "register_moit_unit_permissions"
# "provincial": the provincial office's admins, who edit the shared checklists, follow
# every unit (seed 3.3) and run the installation.
ROLES = ("admins", "editors", "approvers", "provincial")


@dataclass(frozen=True)
class UnitGroups:
    admins: Group
    editors: Group
    approvers: Group
    collection: Collection

    def all(self):
        return [self.admins, self.editors, self.approvers]


def group_name(group_key, role):
    return f"{group_key}: {role}"


def unit_collection(group_key):
    """The unit's own collection of documents and images, directly under the root."""
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=group_key).first()
    return existing or root.add_child(name=group_key)


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def contributed_permissions(role):
    """The permissions every installed app grants ``role`` through its
    ``register_moit_unit_permissions`` hook.

    Each hook function returns an iterable of ``(role, "app_label.codename")`` pairs, role
    being one of ``ROLES``; an app registers only the rights of its own features.
    """
    for hook in hooks.get_hooks(UNIT_PERMISSIONS_HOOK):
        for hook_role, name in hook():
            if hook_role not in ROLES:
                raise ImproperlyConfigured(
                    f"{UNIT_PERMISSIONS_HOOK}: unknown role {hook_role!r} for {name!r}"
                )
            if hook_role == role:
                app_label, codename = name.split(".", 1)
                yield _permission(app_label, codename)


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


def _ensure_group(group_key, role, site, collection, page_actions, media_actions, hook_role):
    group, _created = Group.objects.get_or_create(name=group_name(group_key, role))
    group.permissions.add(_permission("wagtailadmin", "access_admin"))
    group.permissions.add(*contributed_permissions(hook_role))
    _grant_pages(group, site.root_page, page_actions)
    _grant_media(group, collection, media_actions)
    return group


def ensure_unit_groups(site, group_key):
    """Create (or complete) the admin, editor and approver groups of one unit's site.

    ``group_key`` is the unit's ``Unit.group_key``. Running it again adds nothing; it
    never removes a permission someone granted by hand, except the model-wide right to
    edit site settings (earlier versions granted it), which opens every unit's settings.
    """
    collection = unit_collection(group_key)

    def ensure(role, page_actions, hook_role, media_actions=MEDIA_ACTIONS):
        return _ensure_group(
            group_key, role, site, collection, page_actions, media_actions, hook_role
        )

    admins = ensure(ADMINS_ROLE, ADMIN_PAGE_PERMISSIONS, "admins", ADMIN_MEDIA_ACTIONS)
    revoke_model_wide_site_settings(admins)
    grant_site_settings(admins, [site])
    return UnitGroups(
        admins=admins,
        editors=ensure(EDITORS_ROLE, EDITOR_PAGE_PERMISSIONS, "editors"),
        approvers=ensure(APPROVERS_ROLE, APPROVER_PAGE_PERMISSIONS, "approvers"),
        collection=collection,
    )


def grant_provincial_oversight(unit_groups, overseen_sites=()):
    """Give the provincial office's admins what the apps grant the provincial role (edit
    checklists, every unit's roll-up, the traffic-log export, the units themselves) and
    the site settings of the units it oversees."""
    unit_groups.admins.permissions.add(*contributed_permissions("provincial"))
    grant_site_settings(unit_groups.admins, overseen_sites)
