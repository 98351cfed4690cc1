from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DesksConfig(AppConfig):
    """Information desks (issue 16): desks, hours, areas, consultation log and statistics."""

    name = "kyodo.desks"
    label = "desks"
    verbose_name = _("市民活動インフォメーション")

    def ready(self):
        pass
