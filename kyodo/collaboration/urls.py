"""Pages of the module, under /org/<slug>/collaboration/ (public pages and staff screens)."""

from django.urls import path

from . import views

app_name = "collaboration"

D = "manage/campaigns/<int:pk>/departments/<int:department_pk>/"

urlpatterns = [
    path("", views.index, name="index"),
    path("partners/", views.partner_directory, name="partners"),
    path("partners/<int:pk>/", views.partner_detail, name="partner"),
    path("partners/<int:pk>/edit/", views.partner_edit, name="partner_edit"),
    path("projects/", views.project_list, name="projects"),
    path("projects/<int:pk>/", views.project_detail, name="project"),
    path("reports/", views.report_list, name="reports"),
    path("reports/<int:year>/", views.report_detail, name="report"),
    path("reports/<int:year>/download.<str:fmt>", views.report_download, name="report_download"),
    path("evaluations/", views.evaluation_list, name="evaluations"),
    path("evaluations/<int:pk>/", views.evaluation_detail, name="evaluation"),
    path("evaluations/<int:pk>/sheets/<str:side>/", views.sheet_edit, name="sheet"),
    path("evaluations/<int:pk>/publish/", views.evaluation_publish, name="evaluation_publish"),
    path("initiatives/", views.initiatives, name="initiatives"),
    path("import-template.xlsx", views.import_template, name="import_template"),
    path("manage/", views.manage_home, name="manage"),
    path("manage/campaigns/new/", views.campaign_new, name="campaign_new"),
    path("manage/campaigns/<int:pk>/", views.campaign_detail, name="campaign"),
    path("manage/campaigns/<int:pk>/<str:step>/", views.campaign_step, name="campaign_step"),
    path(D, views.response_detail, name="response"),
    path(D + "answer/<str:step>/", views.response_step, name="response_step"),
    path(D + "projects/new/", views.project_edit, name="project_new"),
    path(D + "projects/<int:project_pk>/edit/", views.project_edit, name="project_edit"),
    path(D + "projects/<int:project_pk>/delete/", views.project_delete, name="project_delete"),
    path(D + "import/", views.project_import, name="project_import"),
    path("manage/submissions/<int:pk>/", views.submission_review, name="submission"),
    path("manage/projects/<int:project_pk>/evaluate/", views.evaluation_new,
         name="evaluation_new"),
]
