from django.urls import path

from . import views

app_name = "moit_wagtail"

urlpatterns = [
    path("healthz/", views.healthz, name="healthz"),
]
