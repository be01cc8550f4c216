"""The base of our own admin screens: Wagtail's admin furniture with a real header.

Wagtail's ``WagtailAdminTemplateMixin`` shows breadcrumbs instead of the title when there
are any, and its default crumbs are only "Home"; every screen should name itself.
"""

from wagtail.admin.views.generic import WagtailAdminTemplateMixin


class AdminScreen(WagtailAdminTemplateMixin):
    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]
