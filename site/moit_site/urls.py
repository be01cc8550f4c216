from django.apps import apps
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from moit_wagtail import urls as moit_urls

# Database or upload disk failures raised outside views get the same 503 page as the
# middleware's (moit_wagtail.unavailable); every other error keeps Django's 500.
handler500 = "moit_wagtail.unavailable.server_error"

urlpatterns = [
    # Before Wagtail's admin: /admin/jsi18n/ with our Thai JavaScript strings merged in.
    path("admin/", include("moit_wagtail.wagtail_th.urls")),
    # Before Wagtail's admin: its reports' person filters name only the unit's people.
    path("admin/", include("moit_wagtail.people_reports")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include(moit_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Thai at "/", English at "/en/": the public pages follow the visitor's language choice.
# The optional apps' public URLs, only where the app is installed.
optional_patterns = [
    path(prefix, include(f"{app}.urls"))
    for prefix, app in (
        ("search/", "moit_wagtail.search"),
        ("e-services/", "moit_wagtail.eservices"),
    )
    if apps.is_installed(app)
]
urlpatterns += i18n_patterns(
    *optional_patterns,
    # Wagtail's page URLs, with Thai vowel and tone marks allowed in slugs.
    path("", include("moit_wagtail.pages.serve_urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
