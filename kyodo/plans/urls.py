"""Pages of the plans module, under /org/<slug>/plans/: public pages first, then the staff
screens under manage/."""

from django.urls import path

from . import views, views_manage

app_name = "plans"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:plan_id>/", views.dashboard, name="dashboard"),
    path("<int:plan_id>/items/<int:item_id>/", views.item, name="item"),
    path("<int:plan_id>/download/<slug:table>.<slug:fmt>", views.download, name="download"),

    path("manage/", views_manage.home, name="manage"),
    path("manage/items/<int:item_id>/", views_manage.manage_item, name="manage_item"),
    path("manage/reports/<int:report_id>/", views_manage.report, name="report"),
    path("manage/reports/<int:report_id>/step/", views_manage.report_step, name="report_step"),
    path("manage/new/", views_manage.plan_edit, name="plan_new"),
    path("manage/<int:plan_id>/", views_manage.plan_structure, name="plan_structure"),
    path("manage/<int:plan_id>/edit/", views_manage.plan_edit, name="plan_edit"),
    path("manage/<int:plan_id>/reporting/", views_manage.reporting, name="reporting"),
    path("manage/<int:plan_id>/themes/new/", views_manage.theme_edit, name="theme_new"),
    path("manage/<int:plan_id>/themes/<int:theme_id>/", views_manage.theme_edit, name="theme_edit"),
    path("manage/<int:plan_id>/items/new/", views_manage.item_edit, name="item_new"),
    path("manage/<int:plan_id>/items/<int:item_id>/", views_manage.item_edit, name="item_edit"),
    path("manage/items/<int:item_id>/years/", views_manage.item_years, name="item_years"),
    path("manage/items/<int:item_id>/indicators/new/", views_manage.indicator_edit, name="indicator_new"),
    path("manage/items/<int:item_id>/indicators/<int:indicator_id>/", views_manage.indicator_edit,
         name="indicator_edit"),
    path("manage/items/<int:item_id>/revise/", views_manage.revise, name="revise"),
    path("manage/<int:plan_id>/import/", views_manage.import_plan, name="import"),
    path("manage/<int:plan_id>/import/template.xlsx", views_manage.import_template,
         name="import_template"),
]
