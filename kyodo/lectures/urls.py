"""Pages of 出前講座, under /org/<slug>/lectures/."""

from django.urls import path

from . import views

app_name = "lectures"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("themes/<id:theme_id>/", views.theme, name="theme"),
    path("themes/<id:theme_id>/apply/", views.apply, name="apply"),
    path("requests/done/", views.done, name="done"),
    path("status/", views.status, name="status"),
    path("statistics/", views.statistics, name="statistics"),
    path("statistics/download.<slug:fmt>", views.statistics_download, name="statistics_download"),
    path("open-data/events.csv", views.events_csv, name="events_csv"),
    path("calendar/<id:department_id>.ics", views.ical, name="ical"),
    path("calendar/feed/<token:token>.ics", views.staff_ical, name="staff_ical"),

    path("manage/", views.inbox, name="inbox"),
    path("manage/requests/new/", views.proxy_entry, name="proxy_entry"),
    path("manage/requests/<id:request_id>/", views.request_detail, name="request"),
    path("manage/calendar/", views.month, name="calendar"),
    path("manage/calendar/feed/", views.calendar_feed_issue, name="calendar_feed"),
    path("manage/themes/new/", views.theme_edit, name="theme_new"),
    path("manage/themes/<id:theme_id>/", views.theme_edit, name="theme_edit"),
    path("manage/rules/", views.rules_edit, name="rules"),
]
