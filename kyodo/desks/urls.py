"""Pages of the module under /org/<slug>/desks/."""

from django.urls import path  # noqa: F401

app_name = "desks"

urlpatterns = []
