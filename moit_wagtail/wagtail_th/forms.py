"""Wagtail's admin login form with a translatable password label.

Wagtail's ``LoginForm`` declares its password field without a label, so Django derives
"Password" from the field name, outside gettext: the one English word of the Thai login page
that no catalogue can reach. Select it with ``WAGTAILADMIN_USER_LOGIN_FORM =
"moit_wagtail.wagtail_th.forms.LoginForm"`` (Wagtail's public setting for this form).
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class LoginForm(WagtailLoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Password")
