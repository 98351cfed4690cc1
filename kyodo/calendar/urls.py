"""Pages of the one calendar under /org/<slug>/calendar/."""

from django.urls import path

from . import views

app_name = "calendar"

urlpatterns = [
    path("", views.month, name="month"),
    path("list/", views.month, {"list_view": True}, name="list"),
    path("calendar.ics", views.feed, name="feed"),
]
