from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollaborationConfig(AppConfig):
    """協働 (SPEC §3.4): partners, collaboration projects, the annual survey, evaluation."""

    name = "kyodo.collaboration"
    label = "collaboration"
    verbose_name = _("協働")

    def ready(self):
        from auditlog.registry import auditlog

        from . import models, rules  # noqa: F401  (rules registers the collaboration.* perms)
        from . import search_sources  # noqa: F401  (registers what the site-wide search indexes)

        for model in (models.Partner, models.PartnerField, models.PartnerMember,
                      models.ProfileSubmission, models.SurveyCampaign, models.SurveyResponse,
                      models.Project, models.ProjectForm, models.ProjectField,
                      models.ProjectPartner, models.EvaluationTemplate,
                      models.EvaluationCriterion, models.Evaluation, models.EvaluationSheet,
                      models.SheetRating, models.Initiative):
            auditlog.register(model, exclude_fields=["report"] if model is models.SurveyCampaign
                              else None)

        from kyodo.core import modules, reminders

        from . import notices

        reminders.register("collaboration.answers_due", notices.answers_due)
        reminders.register("collaboration.answers_overdue", notices.answers_overdue)
        reminders.register("collaboration.sheets_due", notices.sheets_due)
        reminders.register("collaboration.sheets_overdue", notices.sheets_overdue)

        modules.register_bench_targets("kyodo.collaboration.bench.targets")
        modules.register(modules.ModuleLink(
            title=_("協働"), summary=_("市民活動団体の名簿、協働事業、協働取組実態調査の結果、協働評価"),
            url_name="collaboration:index", order=40,
        ))
        modules.register(modules.ModuleLink(
            title=_("協働の管理"),
            summary=_("協働取組実態調査の回答・集計、団体情報の確認、協働評価"),
            url_name="collaboration:manage", permission="collaboration.view_staff_area", order=40,
        ), staff=True)
        from . import portal  # the portal, my page and the open-data catalogue (issue 18)

        portal.register()

    def load_demo(self, world):
        from . import demo

        demo.load(world)
