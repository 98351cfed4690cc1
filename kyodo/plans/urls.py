"""Pages of the plans module, under /org/<slug>/plans/: public pages first, then the staff
screens under manage/."""

from django.urls import path

from . import views, views_manage

app_name = "plans"

urlpatterns = [
    path("", views.index, name="index"),
    path("<id:plan_id>/", views.dashboard, name="dashboard"),
    path("<id:plan_id>/items/<id:item_id>/", views.item, name="item"),
    path("<id:plan_id>/pdf/", views.dashboard_pdf, name="dashboard_pdf"),
    path("<id:plan_id>/download/<slug:table>.<slug:fmt>", views.download, name="download"),

    path("manage/", views_manage.home, name="manage"),
    path("manage/items/<id:item_id>/", views_manage.manage_item, name="manage_item"),
    path("manage/reports/<id:report_id>/", views_manage.report, name="report"),
    path("manage/reports/<id:report_id>/step/", views_manage.report_step, name="report_step"),
    path("manage/reports/<id:report_id>/correct/", views_manage.correct_report, name="correct_report"),
    path("manage/reports/<id:report_id>/withdraw/", views_manage.withdraw_report,
         name="withdraw_report"),
    path("manage/new/", views_manage.plan_edit, name="plan_new"),
    path("manage/<id:plan_id>/", views_manage.plan_structure, name="plan_structure"),
    path("manage/<id:plan_id>/edit/", views_manage.plan_edit, name="plan_edit"),
    path("manage/<id:plan_id>/reporting/", views_manage.reporting, name="reporting"),
    path("manage/<id:plan_id>/themes/new/", views_manage.theme_edit, name="theme_new"),
    path("manage/<id:plan_id>/themes/<id:theme_id>/", views_manage.theme_edit, name="theme_edit"),
    path("manage/<id:plan_id>/items/new/", views_manage.item_edit, name="item_new"),
    path("manage/<id:plan_id>/items/<id:item_id>/", views_manage.item_edit, name="item_edit"),
    path("manage/items/<id:item_id>/years/", views_manage.item_years, name="item_years"),
    path("manage/items/<id:item_id>/indicators/new/", views_manage.indicator_edit, name="indicator_new"),
    path("manage/items/<id:item_id>/indicators/<id:indicator_id>/", views_manage.indicator_edit,
         name="indicator_edit"),
    path("manage/items/<id:item_id>/revise/", views_manage.revise, name="revise"),
    path("manage/<id:plan_id>/import/", views_manage.import_plan, name="import"),
    path("manage/<id:plan_id>/import/template.xlsx", views_manage.import_template,
         name="import_template"),
]
