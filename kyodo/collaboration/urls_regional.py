"""Pages across organisations, under /collaboration/ (the regional directory of initiatives)."""

app_name = "collaboration_regional"

urlpatterns = []
