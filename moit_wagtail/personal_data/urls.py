from django.urls import path

from . import views

app_name = "moit_personal_data"
urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("<int:site_pk>/", views.SearchView.as_view(), name="search"),
    path("<int:site_pk>/export/", views.ExportView.as_view(), name="export"),
    path("<int:site_pk>/erase/", views.EraseView.as_view(), name="erase"),
]
