"""Pages of the module, under /org/<slug>/lectures/ (public pages and staff screens)."""

app_name = "lectures"

urlpatterns = []
