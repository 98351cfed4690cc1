from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundConfig(AppConfig):
    """The citizen fund database (issue 15): funds, rounds, grants, donations."""

    name = "kyodo.fund"
    label = "fund"
    verbose_name = _("市民活動ファンド")

    def ready(self):
        pass
