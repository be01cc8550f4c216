""" "Reviewed, still current": the owner confirms an item without changing its content.

Seed 3.2 has staff check every published item for currency. When nothing changed,
making them edit and send the page through approval just to move a date would flood
approvers and fake a new publication date. Instead the next review-by date is set on
the live page and on its latest revision (so a later edit does not bring the old date
back), and the confirmation is written to the page's history, where an assessor sees it.
"""

import datetime

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy as _
from django.views.defaults import permission_denied
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.log_actions import log

from moit_wagtail import page_cache
from moit_wagtail.admin_views import AdminScreen
from moit_wagtail.checklist.attention import max_age_by_code
from moit_wagtail.date_inputs import AdminDateField
from moit_wagtail.dates import add_months, format_date
from moit_wagtail.pages.models import PublicationPage
from moit_wagtail.pages.models.base import default_review_by

REVIEWED_ACTION = "moit.reviewed"


def next_review_date(page, today=None, limits=None):
    """Today plus the strictest update frequency of the page's checklist items, or a year."""
    today = today or timezone.localdate()
    limits = max_age_by_code() if limits is None else limits
    months = [limits[code] for code in {page.evidence_code, page.clause} if code in limits]
    if months:
        return add_months(today, min(months))
    # The model's default counts from the real today; keep its interval for any ``today``.
    return today + (default_review_by() - timezone.localdate())


@transaction.atomic
def mark_reviewed(page, user, review_by=None):
    """Set the next review date on the live row and the latest revision, and log it."""
    if not page.live:
        raise ValidationError(_("Only a published item can be marked as reviewed."))
    review_by = review_by or next_review_date(page)
    previous = page.review_by
    today = timezone.localdate()
    PublicationPage.objects.filter(pk=page.pk).update(review_by=review_by, last_reviewed_on=today)
    page.review_by, page.last_reviewed_on = review_by, today
    revision = page.latest_revision
    if revision is not None and "review_by" in revision.content:
        revision.content["review_by"] = review_by.isoformat()
        revision.content["last_reviewed_on"] = today.isoformat()
        revision.save(update_fields=["content"])
    log(
        instance=page,
        action=REVIEWED_ACTION,
        user=user,
        data={
            "review_by": review_by.isoformat(),
            "previous_review_by": previous.isoformat() if previous else None,
        },
    )
    # Coverage shown on the public checklist depends on the review date.
    transaction.on_commit(page_cache.invalidate)
    return review_by


class ReviewedForm(forms.Form):
    review_by = AdminDateField(label=_("Next review by"))

    def clean_review_by(self):
        value = self.cleaned_data["review_by"]
        if value <= timezone.localdate():
            raise ValidationError(_("The next review date must be in the future."))
        if value > timezone.localdate() + datetime.timedelta(days=3 * 365):
            raise ValidationError(_("Review at least every three years."))
        return value


class ReviewedView(AdminScreen, FormView):
    """GET: what will happen and the proposed date; POST (with CSRF): record it."""

    template_name = "moit_reminders/review_confirm.html"
    form_class = ReviewedForm
    page_title = _("Reviewed, still current")
    header_icon = "calendar-check"

    def dispatch(self, request, page_id):
        self.page = get_object_or_404(PublicationPage, pk=page_id)
        if not self.page.permissions_for_user(request.user).can_edit():
            # A plain 403, not Wagtail's redirect-with-message: a forged POST must fail loudly.
            return permission_denied(request, PermissionDenied())
        if not self.page.live:
            raise Http404(_("Only a published item can be marked as reviewed."))
        return super().dispatch(request, page_id)

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_initial(self):
        return {"review_by": next_review_date(self.page)}

    def next_url(self):
        candidate = self.request.POST.get("next") or self.request.GET.get("next")
        if candidate and url_has_allowed_host_and_scheme(
            candidate, {self.request.get_host()}, self.request.is_secure()
        ):
            return candidate
        return None

    def get_context_data(self, **kwargs):
        next_url = self.next_url()
        action_url = self.request.path
        if next_url:
            action_url += "?" + urlencode({"next": next_url})
        return super().get_context_data(
            page=self.page,
            action_url=action_url,
            current_review_by=format_date(self.page.review_by),
            submit_button_label=_("Confirm: still current"),
            **kwargs,
        )

    def form_valid(self, form):
        review_by = mark_reviewed(self.page, self.request.user, form.cleaned_data["review_by"])
        messages.success(
            self.request,
            _("'%(title)s' is confirmed as still current. Next review by %(date)s.")
            % {"title": self.page.get_admin_display_title(), "date": format_date(review_by)},
        )
        next_url = self.next_url()
        return redirect(next_url) if next_url else redirect("wagtailadmin_pages:edit", self.page.pk)
