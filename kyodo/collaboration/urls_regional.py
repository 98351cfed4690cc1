"""Pages across organisations, under /collaboration/ (the regional directory of initiatives)."""

from django.urls import path

from . import views

app_name = "collaboration_regional"

urlpatterns = [
    path("", views.regional_index, name="index"),
]
