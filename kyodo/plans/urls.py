"""Pages of the plans module, under /org/<slug>/plans/."""

app_name = "plans"

urlpatterns = []
