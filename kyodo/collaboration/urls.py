"""Pages of the module, under /org/<slug>/collaboration/ (public pages and staff screens)."""

from django.urls import path

from . import views

app_name = "collaboration"

D = "manage/campaigns/<id:pk>/departments/<id:department_pk>/"
T = "manage/templates/<id:pk>/"

urlpatterns = [
    path("", views.index, name="index"),
    path("partners/", views.partner_directory, name="partners"),
    path("partners/<id:pk>/", views.partner_detail, name="partner"),
    path("partners/<id:pk>/edit/", views.partner_edit, name="partner_edit"),
    path("projects/", views.project_list, name="projects"),
    path("projects/<id:pk>/", views.project_detail, name="project"),
    path("manage/projects/<id:project_pk>/correct/", views.project_correction,
         name="project_correction"),
    path("reports/", views.report_list, name="reports"),
    path("reports/<fy:year>/", views.report_detail, name="report"),
    path("reports/<fy:year>/pdf/", views.report_pdf, name="report_pdf"),
    path("reports/<fy:year>/download.<str:fmt>", views.report_download, name="report_download"),
    path("evaluations/", views.evaluation_list, name="evaluations"),
    path("evaluations/<id:pk>/", views.evaluation_detail, name="evaluation"),
    path("evaluations/<id:pk>/sheets/<str:side>/", views.sheet_edit, name="sheet"),
    path("evaluations/<id:pk>/publish/", views.evaluation_publish, name="evaluation_publish"),
    path("evaluations/<id:pk>/<str:step>/", views.evaluation_correction,
         name="evaluation_correction"),
    path("initiatives/", views.initiatives, name="initiatives"),
    path("import-template.xlsx", views.import_template, name="import_template"),
    path("manage/", views.manage_home, name="manage"),
    path("manage/campaigns/new/", views.campaign_new, name="campaign_new"),
    path("manage/campaigns/<id:pk>/", views.campaign_detail, name="campaign"),
    path("manage/campaigns/<id:pk>/edit/", views.campaign_edit, name="campaign_edit"),
    path("manage/campaigns/<id:pk>/<str:step>/", views.campaign_step, name="campaign_step"),
    path(D, views.response_detail, name="response"),
    path(D + "answer/<str:step>/", views.response_step, name="response_step"),
    path(D + "projects/new/", views.project_edit, name="project_new"),
    path(D + "projects/<id:project_pk>/edit/", views.project_edit, name="project_edit"),
    path(D + "projects/<id:project_pk>/delete/", views.project_delete, name="project_delete"),
    path(D + "import/", views.project_import, name="project_import"),
    path("manage/submissions/<id:pk>/", views.submission_review, name="submission"),
    path("manage/projects/<id:project_pk>/evaluate/", views.evaluation_new,
         name="evaluation_new"),
    # The coordinator's screens: partners and members, evaluation templates, initiatives.
    path("manage/partners/", views.partner_admin_list, name="partner_admin_list"),
    path("manage/partners/new/", views.partner_admin_new, name="partner_admin_new"),
    path("manage/partners/<id:pk>/", views.partner_admin, name="partner_admin"),
    path("manage/partners/<id:pk>/members/add/", views.partner_member_add,
         name="partner_member_add"),
    path("manage/partners/<id:pk>/members/<id:member_pk>/remove/",
         views.partner_member_remove, name="partner_member_remove"),
    path("manage/templates/", views.template_list, name="template_list"),
    path("manage/templates/new/", views.template_edit, name="template_new"),
    path(T, views.template_edit, name="template"),
    path(T + "copy/", views.template_copy, name="template_copy"),
    path(T + "criteria/new/", views.criterion_new, name="criterion_new"),
    path(T + "criteria/<id:criterion_pk>/edit/", views.criterion_edit, name="criterion_edit"),
    path(T + "criteria/<id:criterion_pk>/<str:step>/", views.criterion_step,
         name="criterion_step"),
    path("manage/initiatives/", views.initiative_list, name="initiative_list"),
    path("manage/initiatives/new/", views.initiative_edit, name="initiative_new"),
    path("manage/initiatives/<id:pk>/edit/", views.initiative_edit, name="initiative_edit"),
    path("manage/initiatives/<id:pk>/delete/", views.initiative_delete,
         name="initiative_delete"),
]
