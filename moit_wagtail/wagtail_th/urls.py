"""Include under the admin prefix BEFORE Wagtail's admin URLs::

    path("admin/", include("moit_wagtail.wagtail_th.urls")),
    path("admin/", include(wagtailadmin_urls)),

The route keeps Wagtail's path and URL name, so Wagtail's templates (``{% url
'wagtailadmin_javascript_catalog' %}``) load our catalogue. Like Wagtail's, it needs no login:
the login page uses it too.
"""

from django.urls import path

from moit_wagtail.wagtail_th.views import javascript_catalog

urlpatterns = [
    path("jsi18n/", javascript_catalog, name="wagtailadmin_javascript_catalog"),
]
