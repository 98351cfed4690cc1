"""Pages of 意見公募, under /org/<slug>/public-comments/."""

from django.urls import path

from . import views

app_name = "publiccomment"

urlpatterns = [
    path("", views.index, name="index"),
    path("<id:call_id>/", views.call, name="call"),
    path("<id:call_id>/comment/", views.comment, name="comment_form"),
    path("<id:call_id>/comment/done/", views.done, name="done"),
    path("<id:call_id>/results/", views.results, name="results"),
    path("<id:call_id>/results.pdf", views.results_pdf, name="results_pdf"),
    path("<id:call_id>/results/comments/", views.results_comments, name="results_comments"),
    path("documents/<id:document_id>/", views.document, name="document"),
    path("open-data/", views.open_data, name="open_data"),
    path("open-data/results.<slug:fmt>", views.open_data_download, name="open_data_download"),

    path("manage/", views.manage, name="manage"),
    path("manage/new/", views.call_edit, name="call_new"),
    path("manage/<id:call_id>/", views.manage_call, name="manage_call"),
    path("manage/<id:call_id>/edit/", views.call_edit, name="call_edit"),
    path("manage/<id:call_id>/correct/", views.call_correct, name="call_correct"),
    path("manage/<id:call_id>/step/<slug:name>/", views.step, name="step"),
    path("manage/<id:call_id>/sections/new/", views.section_edit, name="section_new"),
    path("manage/<id:call_id>/sections/<id:section_id>/", views.section_edit, name="section_edit"),
    path("manage/<id:call_id>/sections/<id:section_id>/final/", views.final_text, name="final_text"),
    path("manage/<id:call_id>/documents/new/", views.document_new, name="document_new"),
    path("manage/<id:call_id>/documents/<id:document_id>/withdraw/", views.document_withdraw,
         name="document_withdraw"),
    path("manage/<id:call_id>/comments/", views.comments, name="comments"),
    path("manage/<id:call_id>/words/", views.words, name="words"),
    path("manage/<id:call_id>/words/run/", views.words_run, name="words_run"),
    path("manage/<id:call_id>/comments/new/", views.proxy_entry, name="proxy_entry"),
    path("manage/<id:call_id>/comments/<id:comment_id>/", views.comment_detail, name="comment"),
    path("manage/<id:call_id>/items/new/", views.item_edit, name="item_new"),
    path("manage/<id:call_id>/items/<id:item_id>/", views.item_edit, name="item_edit"),
]
