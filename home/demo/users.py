"""Demo accounts: per unit two website admins, two editors and an approver (seed 3.1:
at least two admins who can stand in for each other), plus one provincial superuser.

Passwords are only set when an account is created: a second run never resets one.
"""

import os
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model

from moit_wagtail.models import StaffProfile
from moit_wagtail.roles import ADMINS_ROLE, APPROVERS_ROLE, EDITORS_ROLE

DEFAULT_PASSWORD = "moit-demo-2569"
PASSWORD_ENV = "MOIT_DEMO_PASSWORD"
SUPERUSER = ("moit-admin", "ผู้ดูแลระบบ", "สำนักงานสาธารณสุขจังหวัดสุขใจ")
EMAIL_DOMAIN = "example.go.th"
# Positions printed in the signature blocks of the publishing-request form.
POSITIONS = {
    "admin": "นักวิชาการคอมพิวเตอร์ปฏิบัติการ",
    "editor": "นักวิชาการสาธารณสุขปฏิบัติการ",
    "approver": "หัวหน้ากลุ่มงานบริหารทั่วไป",
}


ROLE_OF_SUFFIX = {"admin": ADMINS_ROLE, "editor": EDITORS_ROLE, "approver": APPROVERS_ROLE}


@dataclass(frozen=True)
class Account:
    username: str
    name: str
    role: str
    unit: str


@dataclass(frozen=True)
class DemoPassword:
    value: str
    is_default: bool


@dataclass(frozen=True)
class UnitUsers:
    admins: list
    editors: list
    approver: object


def demo_password():
    """``MOIT_DEMO_PASSWORD`` from the environment (or settings), else the documented default."""
    chosen = os.environ.get(PASSWORD_ENV) or getattr(settings, PASSWORD_ENV, "")
    return DemoPassword(chosen or DEFAULT_PASSWORD, is_default=not chosen)


def ensure_user(username, first_name, last_name, password, created, groups=(), **flags):
    """Get or create one account; ``created`` collects the usernames that are new."""
    user, is_new = get_user_model().objects.get_or_create(
        username=username,
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            "email": f"{username}@{EMAIL_DOMAIN}",
            **flags,
        },
    )
    if is_new:
        user.set_password(password)
        user.save(update_fields=["password"])
        created.append(username)
    user.groups.add(*groups)
    return user


def ensure_superuser(password, created):
    username, first_name, last_name = SUPERUSER
    return ensure_user(
        username, first_name, last_name, password, created, is_superuser=True, is_staff=True
    )


def ensure_unit_users(unit, groups, password, created):
    role_groups = {
        "admin1": groups.admins,
        "admin2": groups.admins,
        "editor1": groups.editors,
        "editor2": groups.editors,
        "approver": groups.approvers,
    }
    users = {
        person.username_suffix: ensure_user(
            f"{unit.code}-{person.username_suffix}",
            person.first_name,
            person.last_name,
            password,
            created,
            groups=[role_groups[person.username_suffix]],
        )
        for person in unit.staff
    }
    for suffix, user in users.items():
        position = POSITIONS[suffix.rstrip("12")]
        StaffProfile.objects.get_or_create(user=user, defaults={"position": position})
    return UnitUsers(
        admins=[users["admin1"], users["admin2"]],
        editors=[users["editor1"], users["editor2"]],
        approver=users["approver"],
    )


def demo_accounts(units):
    """Every demo account, superuser first, as the spec defines them (no query)."""
    username, first_name, last_name = SUPERUSER
    accounts = [Account(username, f"{first_name} {last_name}", "", "")]  # superuser
    for unit in units:
        accounts += [
            Account(
                f"{unit.code}-{person.username_suffix}",
                f"{person.first_name} {person.last_name}",
                ROLE_OF_SUFFIX[person.username_suffix.rstrip("12")],
                unit.short_name,
            )
            for person in unit.staff
        ]
    return accounts
