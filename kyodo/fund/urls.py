"""Pages of the fund database under /org/<slug>/fund/: public pages first, then the staff
screens under manage/."""

from django.urls import path

from . import views

app_name = "fund"

urlpatterns = [
    path("", views.index, name="index"),
    path("<id:fund_id>/", views.fund_detail, name="fund"),
    path("grants/", views.grant_list, name="grants"),
    path("grants/<id:grant_id>/", views.grant_detail, name="grant"),
    path("grants/download.<slug:fmt>", views.grant_download, name="grants_download"),

    path("manage/", views.manage, name="manage"),
    path("manage/new/", views.fund_edit, name="fund_new"),
    path("manage/<id:fund_id>/edit/", views.fund_edit, name="fund_edit"),
    path("manage/<id:fund_id>/rounds/new/", views.round_new, name="round_new"),
    path("manage/rounds/<id:round_id>/", views.round_edit, name="round_edit"),
    path("manage/<id:fund_id>/grants/new/", views.grant_edit, name="grant_new"),
    path("manage/grants/<id:grant_id>/", views.grant_edit, name="grant_edit"),
    path("manage/<id:fund_id>/donations/", views.donations, name="donations"),
    path("manage/<id:fund_id>/import/", views.import_grants, name="import"),
]
