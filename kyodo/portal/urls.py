"""Pages of the portal, at the site root: /organisations/, /open-now/, /open-data/, /org/<slug>/open-data/,
/follow/, /my/settings/."""

from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("organisations/", views.organisations, name="organisations"),
    path("open-now/", views.open_now, name="open_now"),
    path("open-data/", views.open_data, name="open_data"),
    path("open-data/catalog.jsonld", views.catalog, name="catalog"),
    path("org/<slug:slug>/open-data/", views.organisation_open_data, name="organisation_open_data"),
    path("org/<slug:slug>/open-data/catalog.jsonld", views.organisation_catalog,
         name="organisation_catalog"),
    path("org/<slug:slug>/open-data/manage/licence/", views.licence, name="licence"),
    path("follow/", views.follow, name="follow"),
    path("my/settings/", views.mail_settings, name="mail_settings"),
]
