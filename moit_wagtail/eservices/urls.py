"""Public URLs of the eservices app (included under the site's language prefix)."""

from django.urls import path

from . import views

app_name = "moit_eservices"

urlpatterns = [
    path("received/", views.received, name="received"),
    path("track/", views.track, name="track"),
    path("track/<str:code>/<str:secret>/", views.track_detail, name="track_detail"),
]
