"""Three units as an installation has them: a provincial office overseeing a district
office and a hospital, set up by ``setup_units``, each with its website admin."""

from dataclasses import dataclass
from io import StringIO

from django.contrib import messages
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Page, Site

from home.models import HomePage
from moit_wagtail.models import AgencyProfile, Unit
from moit_wagtail.roles import ADMINS_ROLE, group_name

PHO, DHO, HOSPITAL = "สสจ.ทดสอบ", "สสอ.ทดสอบ", "รพ.ทดสอบ"


@dataclass
class Units:
    pho: Unit
    dho: Unit
    hospital: Unit


def unit_site(slug, hostname, name):
    home = Page.get_first_root_node().add_child(
        instance=HomePage(title=name, slug=slug, welcome="")
    )
    site = Site.objects.create(hostname=hostname, port=80, root_page=home, site_name=name)
    AgencyProfile.objects.create(
        site=site, name_th=name, phone="0 2000 0000", email=f"{slug}@example.go.th"
    )
    return site


def setup_units():
    call_command("setup_units", stdout=StringIO())


def build_units(home_page):
    pho = Unit.objects.create(
        site=Site.objects.get(root_page=home_page), group_key=PHO, unit_type="pho"
    )
    dho = Unit.objects.create(
        site=unit_site("dho", "dho.test", DHO), group_key=DHO, unit_type="dho", parent=pho
    )
    hospital = Unit.objects.create(
        site=unit_site("hospital", "hospital.test", HOSPITAL),
        group_key=HOSPITAL,
        unit_type="hospital",
        parent=pho,
    )
    setup_units()
    return Units(pho, dho, hospital)


def admins_of(unit):
    return Group.objects.get(name=group_name(unit.group_key, ADMINS_ROLE))


def assert_refused(response):
    """Wagtail's answer to a PermissionDenied: back to the dashboard, with its message."""
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    sent = [message.message.strip() for message in messages.get_messages(response.wsgi_request)]
    with translation.override("th"):  # the admin's language
        assert gettext("Sorry, you do not have permission to access this area.") in sent
