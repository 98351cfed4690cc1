"""The region's calendar, under /calendar/ (every organisation's public dates)."""

from django.urls import path

from . import views

app_name = "calendar_regional"

urlpatterns = [
    path("", views.regional_month, name="month"),
    path("list/", views.regional_month, {"list_view": True}, name="list"),
    path("calendar.ics", views.regional_feed, name="feed"),
]
