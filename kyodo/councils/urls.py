"""Pages of 市民会議, under /org/<slug>/councils/."""

from django.urls import path

from . import views, views_records

app_name = "councils"

urlpatterns = [
    path("", views.index, name="index"),
    path("<id:council_id>/", views.council, name="council"),
    path("meetings/<id:meeting_id>/", views.meeting, name="meeting"),
    path("meetings/<id:meeting_id>/reserve/", views.reserve, name="reserve"),
    path("materials/<id:material_id>/", views.material, name="material"),
    path("calls/<id:call_id>/", views.call, name="call"),
    path("recommendations/", views.tracking, name="tracking"),
    path("recommendations/print/", views.tracking, {"printable": True}, name="tracking_print"),
    path("recommendations/pdf/", views.tracking_pdf, name="tracking_pdf"),
    path("evaluations/<id:round_id>/", views.evaluation, name="evaluation"),
    path("evaluations/<id:round_id>/print/", views.evaluation, {"printable": True},
         name="evaluation_print"),
    path("evaluations/<id:round_id>/pdf/", views.evaluation_pdf, name="evaluation_pdf"),

    path("workspace/", views.workspace, name="workspace"),
    path("workspace/evaluations/<id:round_id>/", views.rate, name="rate"),
    path("workspace/evaluations/<id:round_id>/manage/", views.manage_round, name="manage_round"),
    path("workspace/evaluations/<id:round_id>/members/<id:member_id>/sheet/", views.enter_sheet,
         name="enter_sheet"),
    path("workspace/<id:council_id>/evaluations/new/", views.new_round, name="new_round"),
    path("workspace/calls/<id:call_id>/applications/", views.applications, name="applications"),
    path("workspace/recommendations/<id:recommendation_id>/", views.respond, name="respond"),
    path("workspace/meetings/<id:meeting_id>/", views.manage_meeting, name="manage_meeting"),
    path("workspace/new/", views_records.edit, {"kind": "council"}, name="council_new"),
    path("workspace/<id:council_id>/<slug:kind>/new/", views_records.edit, name="record_new"),
    path("workspace/<slug:kind>/<id:pk>/edit/", views_records.edit, name="record_edit"),
]
