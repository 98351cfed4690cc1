"""Pages of アンケート, under /org/<slug>/surveys/."""

from django.urls import path

from . import views

app_name = "surveys"

urlpatterns = [
    path("", views.index, name="index"),
    path("<id:survey_id>/", views.answer, name="answer"),
    path("<id:survey_id>/thanks/", views.thanks, name="thanks"),
    path("<id:survey_id>/results/", views.results, name="results"),
    path("<id:survey_id>/results.pdf", views.results_pdf, name="results_pdf"),
    path("<id:survey_id>/results/crosstab/", views.crosstab, name="crosstab"),
    path("<id:survey_id>/results/download.<slug:fmt>", views.results_download, name="results_download"),

    path("manage/", views.manage, name="manage"),
    path("manage/new/", views.survey_edit, name="survey_new"),
    path("manage/<id:survey_id>/", views.manage_survey, name="manage_survey"),
    path("manage/<id:survey_id>/edit/", views.survey_edit, name="survey_edit"),
    path("manage/<id:survey_id>/correct/", views.survey_correct, name="survey_correct"),
    path("manage/<id:survey_id>/questions/new/", views.question_edit, name="question_new"),
    path("manage/<id:survey_id>/questions/<id:question_id>/", views.question_edit, name="question_edit"),
    path("manage/<id:survey_id>/preview/", views.preview, name="preview"),
    path("manage/<id:survey_id>/codes/", views.codes, name="codes"),
    path("manage/<id:survey_id>/codes.csv", views.codes_download, name="codes_download"),
    path("manage/<id:survey_id>/paper/", views.paper_entry, name="paper"),
    path("manage/<id:survey_id>/answers.<slug:fmt>", views.raw_download, name="raw_download"),
    path("manage/<id:survey_id>/words/<id:question_id>/", views.words, name="words"),
    path("manage/<id:survey_id>/words/<id:question_id>/run/", views.words_run, name="words_run"),
]
