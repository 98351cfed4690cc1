"""Pages of events, seminars and staff training, under /org/<slug>/events/."""

from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("", views.index, name="index"),
    path("<id:event_id>/", views.event, name="event"),
    path("<id:event_id>/register/", views.register, name="register"),
    path("registered/", views.done, name="done"),
    path("status/", views.status, name="status"),
    path("feedback/<token:token>/", views.feedback, name="feedback"),
    path("open-data/", views.open_data_page, name="open_data_page"),
    path("open-data/events.<slug:fmt>", views.open_data, name="open_data"),
    path("training/mine/", views.training_record, name="training_record"),

    path("manage/", views.manage, name="manage"),
    path("manage/new/", views.event_edit, name="event_new"),
    path("manage/<id:event_id>/", views.manage_event, name="manage_event"),
    path("manage/<id:event_id>/edit/", views.event_edit, name="event_edit"),
    path("manage/<id:event_id>/sessions/new/", views.session_edit, name="session_new"),
    path("manage/<id:event_id>/sessions/<id:session_id>/", views.session_edit, name="session_edit"),
    path("manage/<id:event_id>/report/", views.report_edit, name="report_edit"),
    path("manage/<id:event_id>/questionnaire/", views.questionnaire, name="questionnaire"),
    path("manage/roster/<id:session_id>/", views.roster, name="roster"),
    path("manage/training/", views.training, name="training"),
]
