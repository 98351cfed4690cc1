"""Pages of 市民活動インフォメーション, under /org/<slug>/desks/."""

from django.urls import path

from . import views

app_name = "desks"

urlpatterns = [
    path("", views.index, name="index"),
    path("<id:desk_id>/", views.desk, name="desk"),
    path("download/", views.desks_download, {"fmt": "csv"}, name="download"),
    path("download.<str:fmt>", views.desks_download, name="download_as"),
    path("statistics/", views.statistics, name="statistics"),
    path("statistics/download.<str:fmt>", views.statistics_download, name="statistics_download"),
    path("staff/", views.staff, name="staff"),
    path("staff/new/", views.edit, name="new"),
    path("staff/<id:desk_id>/edit/", views.edit, name="edit"),
    path("staff/<id:desk_id>/log/", views.log, name="log"),
    path("staff/log/<id:consultation_id>/delete/", views.delete_line, name="delete_line"),
]
