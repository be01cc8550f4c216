"""Wiring only: the "Reviewed, still current" URL, page buttons and history label."""

import datetime

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.log_actions import LogFormatter

from moit_wagtail.dates import format_date
from moit_wagtail.pages.models import PublicationPage

from . import review


@hooks.register("register_admin_urls")
def register_review_urls():
    return [
        path("moit/reviewed/<int:page_id>/", review.ReviewedView.as_view(), name="moit_reviewed"),
    ]


class ReviewedButton(PageMenuItem):
    label = _("Reviewed, still current")
    icon_name = "calendar-check"
    url_name = "moit_reviewed"

    def is_shown(self, user):
        # specific_class comes from the cached content type: no query per listed page.
        return (
            self.page.live
            and issubclass(self.page.specific_class or type(self.page), PublicationPage)
            and self.page.permissions_for_user(user).can_edit()
        )


@hooks.register("register_page_header_buttons")
def reviewed_header_button(page, user, view_name, next_url=None):
    yield ReviewedButton(page=page, next_url=next_url, priority=66)


@hooks.register("register_page_listing_more_buttons")
def reviewed_listing_button(page, user, next_url=None):
    yield ReviewedButton(page=page, next_url=next_url, priority=54)


@hooks.register("register_log_actions")
def register_reviewed_log_action(actions):
    @actions.register_action(review.REVIEWED_ACTION)
    class ReviewedFormatter(LogFormatter):
        label = _("Reviewed, still current")

        def format_message(self, log_entry):
            value = log_entry.data.get("review_by")
            if not value:
                return self.label
            day = format_date(datetime.date.fromisoformat(value))
            return _("Reviewed and still current; next review by %(date)s") % {"date": day}
