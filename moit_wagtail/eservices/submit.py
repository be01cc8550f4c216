"""What happens when a citizen posts a form: check, save with a code, redirect (PRG).

The code and secret go to the confirmation page through the session, shown once; the
session is dropped again right after, so the visitor gets cached pages again.
"""

from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from . import notify, ratelimit
from .codes import assign_code
from .models import SubmissionFile

RECEIPT_SESSION_KEY = "moit_eservices_receipt"


def handle_post(page, request):
    form_class = page.get_form_class()
    files_posted = bool(request.FILES)
    if ratelimit.is_limited("submit", request):
        return _refuse(page, request, form_class, files_posted)
    form = form_class(request.POST, request.FILES)
    if not form.is_valid():
        if form.honeypot_tripped:
            ratelimit.hit("submit", request)
        return page.render_form(request, form, files_dropped=files_posted)
    # Counted before it is stored, stored only if allowed: parallel posts from one client
    # can never store more than the limit.
    if ratelimit.hit("submit", request):
        return _refuse(page, request, form_class, files_posted)
    submission = save_submission(page, form)
    notify.acknowledge(submission)
    notify.alert_staff(submission, page.notify_address)
    request.session[RECEIPT_SESSION_KEY] = {
        "code": submission.code,
        "secret": submission.secret,
        "page": page.pk,
    }
    return redirect(reverse("moit_eservices:received"))


def _refuse(page, request, form_class, files_posted):
    # Keep what was typed, without judging it: the limit is the only problem.
    form = form_class(initial=request.POST.dict())
    return page.render_form(
        request, form, status=429, rate_limited=True, files_dropped=files_posted
    )


def save_submission(page, form):
    # Disk full (bench/fault_bench.py): when a later attachment or the database
    # fails, the transaction drops the rows but not the files already written; delete them.
    stored = []
    try:
        return _save_submission(page, form, stored)
    except BaseException:
        storage = SubmissionFile._meta.get_field("file").storage
        for name in stored:
            storage.delete(name)
        raise


@transaction.atomic
def _save_submission(page, form, stored):
    submission = form.save(commit=False)
    submission.site = page.get_site()
    submission.page = page
    submission.kind = page.kind
    submission.created_at = timezone.now()
    submission.consent_at = submission.created_at
    assign_code(submission)
    submission.save()
    for upload in form.cleaned_data.get("attachments") or []:
        attachment = SubmissionFile(
            submission=submission,
            file=upload,
            original_name=upload.name[-255:],
            size=upload.size,
        )
        try:
            attachment.save()
        finally:
            if attachment.file._committed:  # written to disk (even if the INSERT failed)
                stored.append(attachment.file.name)
    return submission
