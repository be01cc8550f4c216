"""Thai emails: the citizen's receipt, the answer, and the staff alert (no personal data).

Emails are sent after the record is saved; a failing mail server is logged and never
loses a submission or a reply. Links are absolute, on the unit's own host (``unit_urls``).
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from moit_wagtail.models import AgencyProfile
from moit_wagtail.unit_urls import link_text, unit_admin_url, unit_url

from .permissions import handlers_of

logger = logging.getLogger(__name__)


def tracking_path(submission):
    with translation.override(settings.LANGUAGE_CODE):
        return reverse("moit_eservices:track_detail", args=[submission.code, submission.secret])


def tracking_url(submission):
    return unit_url(submission.site, tracking_path(submission))


def admin_url(submission):
    """The submission in the admin, on the unit's host where its staff are signed in."""
    return unit_admin_url(submission.site, "moit_eservice_submissions:edit", submission.pk)


def unit_name(site):
    profile = AgencyProfile.objects.filter(site=site).first()
    return str(profile) if profile else (site.site_name or site.hostname)


def _send(template, recipients, context):
    """Render ``email/<template>_subject.txt`` and ``_body.txt`` in Thai and send them."""
    with translation.override("th"):
        subject = " ".join(
            render_to_string(f"moit_eservices/email/{template}_subject.txt", context).split()
        )
        body = render_to_string(f"moit_eservices/email/{template}_body.txt", context)
    try:
        send_mail(subject, body, None, recipients)
    except Exception:  # noqa: BLE001 - the record is saved; the mail server is not our data
        logger.exception("Could not send the %s email for %s", template, context["submission"].code)
        return False
    return True


def _context(submission, **extra):
    return {
        "submission": submission,
        "unit": unit_name(submission.site),
        "tracking_url": link_text(tracking_url(submission)),
        **extra,
    }


def acknowledge(submission):
    if submission.email:
        _send("receipt", [submission.email], _context(submission))


def send_reply(reply):
    """Email the citizen the answer in ``reply``; returns the address it went to, or ''."""
    submission = reply.submission
    if not (submission.email and reply.message):
        return ""
    sent = _send("reply", [submission.email], _context(submission, reply=reply))
    return submission.email if sent else ""


def alert_recipients(submission, addresses):
    """The form's own addresses, then the unit's handlers with an email, once each."""
    listed = [address.strip() for address in (addresses or "").split(",")]
    listed += [user.email for user in handlers_of(submission.site) if user.email]
    recipients, seen = [], set()
    for address in listed:
        if address and address.lower() not in seen:
            seen.add(address.lower())
            recipients.append(address)
    return recipients


def alert_staff(submission, addresses):
    """Tell the unit's staff a request has arrived: its code, type and topic, when it came,
    and a link to answer it. Never the tracking secret nor who wrote it: the email may be
    read on a shared screen; the admin screen behind sign-in holds the rest."""
    recipients = alert_recipients(submission, addresses)
    if recipients:
        context = _context(
            submission,
            admin_url=link_text(admin_url(submission)),
            attachment_count=submission.files.count(),
        )
        del context["tracking_url"]  # carries the secret
        _send("alert", recipients, context)
