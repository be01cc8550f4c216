"""What reminder went to whom on which day, so a re-run never mails anyone twice.

The command may be started by cron more than once a day (a retry, a second server);
the unique (recipient, kind, day) row is the guard, and the page ids say what was sent.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReminderLog(models.Model):
    DIGEST = "digest"
    ESCALATION = "escalation"
    KIND_CHOICES = [
        (DIGEST, _("digest to the person responsible")),
        (ESCALATION, _("escalation to the website admins")),
    ]

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=KIND_CHOICES)
    sent_on = models.DateField(_("sent on"))
    page_ids = models.JSONField(_("pages"), default=list)
    count = models.PositiveIntegerField(_("number of items"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        ordering = ["-sent_on", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "sent_on"], name="moit_reminder_once_a_day"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.recipient} {self.sent_on}"
