"""Pages of the module under /org/<slug>/public-comments/."""

from django.urls import path  # noqa: F401

app_name = "publiccomment"

urlpatterns = []
