"""Seed 2.2.1: in urgent cases the head of group may approve verbally.

A website admin publishes at once and records who approved, when and why. The item
stays flagged until the named approver confirms in the system, so the verbal approval
becomes a written record like any other.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class UrgentApprovalQuerySet(models.QuerySet):
    def awaiting_confirmation(self):
        return self.filter(confirmed_at__isnull=True)


class UrgentApproval(models.Model):
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="urgent_approvals",
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("published revision"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved verbally by"),
        on_delete=models.PROTECT,
        related_name="verbal_approvals",
    )
    approved_at = models.DateTimeField(_("verbal approval given at"))
    reason = models.TextField(_("why it could not wait"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.PROTECT,
        related_name="urgent_publications",
    )
    published_at = models.DateTimeField(_("published at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed in the system at"), null=True, blank=True)

    objects = UrgentApprovalQuerySet.as_manager()

    class Meta:
        verbose_name = _("urgent (verbal) approval")
        verbose_name_plural = _("urgent (verbal) approvals")
        ordering = ["-published_at"]
        permissions = [("publish_urgently", _("Can publish urgently on a verbal approval"))]

    def __str__(self):
        return str(self.page)

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None
