"""Who a unit's people are, and how a person is named on a screen.

Every chooser of a person (the person responsible for a publication, the head of group
who approved verbally) offers the unit's own staff: active members of the groups that
hold page permissions on the unit site's root (as ``roles.ensure_unit_groups`` makes
them). Superusers and other units' accounts are never offered, and a person is shown
by Thai full name and position, not by account name. The choice is checked on the
server: a posted id outside the list is refused with a message the editor can act on.

Lists that name accounts (the "Owner" and "Edited by" filters of Wagtail's page listings)
name only the people of the viewer's own units (``UnitPeopleFilterSet``).
"""

from django.contrib.auth import get_user_model
from django.db.models import BooleanField, Case, Q, Value, When
from django.utils.translation import gettext_lazy as _

from moit_wagtail.access import sites_for_user
from moit_wagtail.models import StaffProfile

NOT_UNIT_STAFF = _(
    "Choose one of this unit's staff: the chosen account is not a member of the unit's "
    "groups (it may belong to another unit, or be a system administrator)."
)


def unit_staff_q(site, prefix=""):
    """A Q on users: active, not superusers, in a group with page permissions on the
    unit site's root. ``prefix`` reaches the user through a relation (``"user__"``)."""
    if site is None:
        return Q(pk__in=[])
    memberships = (
        get_user_model()
        .groups.through.objects.filter(group__page_permissions__page_id=site.root_page_id)
        .values("user_id")
    )
    return Q(
        **{
            f"{prefix}is_active": True,
            f"{prefix}is_superuser": False,
            f"{prefix}pk__in": memberships,
        }
    )


def unit_staff(site):
    """The unit's staff, with their positions, ordered by Thai name (one query)."""
    return (
        get_user_model()
        .objects.filter(unit_staff_q(site))
        .select_related("moit_profile")
        .order_by("first_name", "last_name", "username")
    )


def site_of_page(page=None, parent=None):
    """The unit site of a page being edited, or of the parent a new page goes under."""
    anchor = page if page is not None and page.pk else parent
    return anchor.get_site() if anchor is not None else None


def person_label(user):
    """'สมศรี ใจดี (นักวิชาการสาธารณสุขชำนาญการ)'; the account name only when no name is set."""
    name = user.get_full_name().strip() or user.get_username()
    position = StaffProfile.position_of(user)
    return f"{name} ({position})" if position else name


def _label(user):
    if getattr(user, "moit_in_unit", True):
        return person_label(user)
    return str(_("%(person)s - not on this unit's staff") % {"person": person_label(user)})


def limit_to_unit_staff(field, site, keep=None, queryset=None):
    """Make a user ``ModelChoiceField`` offer only the unit's staff of ``site``.

    ``keep`` (a user id already saved on the record) stays selectable and visible, marked
    as out of scope, so re-saving the record never drops it silently. ``queryset`` narrows
    the staff further (e.g. the approvers of the workflow). One query renders the list.
    """
    staff_q = unit_staff_q(site)
    base = queryset if queryset is not None else get_user_model().objects.all()
    scoped = base.filter(staff_q)
    if keep:
        scoped = get_user_model().objects.filter(Q(pk__in=scoped.values("pk")) | Q(pk=keep))
    field.queryset = (
        scoped.annotate(
            moit_in_unit=Case(
                When(staff_q, then=Value(True)), default=Value(False), output_field=BooleanField()
            ),
        )
        .select_related("moit_profile")
        .order_by("-moit_in_unit", "first_name", "last_name", "username")
    )
    field.label_from_instance = _label
    field.error_messages = {**field.error_messages, "invalid_choice": NOT_UNIT_STAFF}
    return field


def people_of_units_q(user):
    """A Q on users: the staff of the units ``user`` works in, and ``user``. Superusers
    see everyone; provincial oversight does not widen it (names are personal data)."""
    if user.is_superuser:
        return Q()
    condition = Q(pk=user.pk)
    for site in sites_for_user(user, oversight=False):
        condition |= unit_staff_q(site)
    return condition


class UnitPeopleFilterSet:
    """A filterset mixin: its filters that choose a person offer the viewer's units'
    people only, and its site filter the viewer's own sites."""

    people_filters = ("owner", "edited_by", "user", "locked_by", "requested_by")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self.request, "user", None)
        if user is None or user.is_superuser:
            return
        for name in self.people_filters:
            if name in self.filters:
                _narrow(self.filters[name], self.request, people_of_units_q(user))
        if "site" in self.filters:
            own = [site.pk for site in sites_for_user(user)]
            _narrow(self.filters["site"], self.request, Q(pk__in=own))


def _narrow(choice_filter, request, condition):
    # django-filter reads ``queryset`` (maybe a callable of the request), else what a
    # filterset put in ``extra`` (Wagtail's history filters do).
    queryset = choice_filter.queryset or choice_filter.extra.get("queryset")
    if callable(queryset):
        queryset = queryset(request)
    if queryset is None:
        return
    choice_filter.queryset = queryset.filter(condition)
    choice_filter.extra["queryset"] = choice_filter.queryset


def explorer_filterset():
    """Wagtail's page explorer filters, the person filters narrowed to the unit's people."""
    from wagtail.admin.views.pages.listing import GenericPageFilterSet

    return type("UnitPageFilterSet", (UnitPeopleFilterSet, GenericPageFilterSet), {})
