"""Pages of the module under /org/<slug>/fund/."""

from django.urls import path  # noqa: F401

app_name = "fund"

urlpatterns = []
