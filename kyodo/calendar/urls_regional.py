"""The region's calendar, under /calendar/ (every organisation's public dates)."""

from django.urls import path  # noqa: F401

app_name = "calendar_regional"

urlpatterns = []
