from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    """Surveys (issue 17): questions, answers, aggregates, cross-tabs, Japanese free-text analysis."""

    name = "kyodo.surveys"
    label = "surveys"
    verbose_name = _("アンケート")

    def ready(self):
        from auditlog.registry import auditlog

        from kyodo.core import modules

        from . import models, providers, rules  # noqa: F401  (rules registers the surveys.* permissions)

        auditlog.register(models.Survey)
        auditlog.register(models.SurveyQuestion)
        auditlog.register(models.SurveyInvitation, include_fields=["used_at"])
        auditlog.register(models.SurveyResponse, include_fields=["channel", "entered_by"])
        modules.register(modules.ModuleLink(
            title=_("アンケート"), summary=_("市民満足度調査などのアンケートへの回答と、公表した結果"),
            url_name="surveys:index", order=60,
        ))
        modules.register(modules.ModuleLink(
            title=_("アンケート(職員用)"), summary=_("調査票の作成、回答用コード、紙の回答の入力、集計・クロス集計・自由記述の分析"),
            url_name="surveys:manage", permission="surveys.use_staff_screens", order=60,
        ), staff=True)
        providers.register()

    def load_demo(self, world):
        from . import demo

        demo.load(world)
