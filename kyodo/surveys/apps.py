from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    """Surveys (issue 17): questions, answers, aggregates, cross-tabs, Japanese free-text analysis."""

    name = "kyodo.surveys"
    label = "surveys"
    verbose_name = _("アンケート")

    def ready(self):
        pass
