"""Pages of the module, under /org/<slug>/collaboration/ (public pages and staff screens)."""

app_name = "collaboration"

urlpatterns = []
