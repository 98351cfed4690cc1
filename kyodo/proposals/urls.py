"""Pages of the module under /org/<slug>/proposals/ (public pages, the proposer's, staff and panel)."""

from django.urls import path

from . import views

app_name = "proposals"

P = "proposal/<id:pk>/"
C = "manage/calls/<id:pk>/"

urlpatterns = [
    path("", views.index, name="index"),
    path("results.<str:fmt>", views.results_download, name="results_download"),
    path("calls/<id:pk>/", views.call_detail, name="call"),
    path("calls/<id:pk>/documents/<id:document_pk>/", views.document, name="document"),
    path("calls/<id:pk>/results/", views.results, name="results"),
    path("calls/<id:pk>/propose/", views.propose, name="propose"),
    path(P, views.proposal_detail, name="proposal"),
    path(P + "edit/", views.proposal_edit, name="proposal_edit"),
    path(P + "files/", views.proposal_files, name="proposal_files"),
    path(P + "files/<id:file_pk>/", views.proposal_file, name="proposal_file"),
    path(P + "files/<id:file_pk>/remove/", views.proposal_file_remove, name="proposal_file_remove"),
    path(P + "submit/", views.proposal_submit, name="proposal_submit"),
    path(P + "withdraw/", views.proposal_withdraw, name="proposal_withdraw"),
    path(P + "report/", views.proposal_report, name="proposal_report"),
    path(P + "consult/", views.consult, name="consult"),
    path(P + "agreement/", views.agreement, name="agreement"),
    path(P + "decide/", views.decide, name="decide"),
    path(P + "score/", views.score, name="score"),
    path(P + "conflict/", views.conflict, name="conflict"),
    path("manage/", views.manage, name="manage"),
    path("manage/calls/new/", views.call_edit, name="call_new"),
    path(C, views.call_manage, name="call_manage"),
    path(C + "edit/", views.call_edit, name="call_edit"),
    path(C + "add/<str:part>/", views.call_add, name="call_add"),
    path(C + "step/<str:step>/", views.call_step, name="call_step"),
    path(C + "ranking/", views.ranking, name="ranking"),
    path(C + "publish/", views.publish, name="publish"),
    path(C + "results/correction/", views.results_correction, name="results_correction"),
    path("review/calls/<id:pk>/", views.review, name="review"),
]
