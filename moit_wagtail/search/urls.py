"""Public URLs of the search app (included under the site's language prefix)."""

from django.urls import path

from . import views

app_name = "moit_search"

urlpatterns = [path("", views.search, name="search")]
