from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    """改革プラン・進行管理 (SPEC §3.1): plans, their items, indicators and progress reports."""

    name = "kyodo.plans"
    label = "plans"
    verbose_name = _("改革プラン")

    def ready(self):
        from auditlog.registry import auditlog

        from kyodo.core import modules

        from . import models, rules  # noqa: F401  (rules registers the plans.* permissions)
        from . import search_sources  # noqa: F401  (registers what the site-wide search indexes)

        modules.register_bench_targets("kyodo.plans.bench.targets")
        modules.register(modules.ModuleLink(
            title=_("改革プラン"), summary=_("計画の取組項目がどこまで進んだか"),
            url_name="plans:index", order=10,
        ))
        modules.register(modules.ModuleLink(
            title=_("改革プラン(職員用)"), summary=_("進捗報告の作成・確認・公表と計画の管理"),
            url_name="plans:manage", permission="plans.use_staff_screens", order=10,
        ), staff=True)

        auditlog.register(models.Plan)
        auditlog.register(models.PlanDocument)
        auditlog.register(models.Theme)
        auditlog.register(models.ActionItem, m2m_fields={"departments"})
        auditlog.register(models.ItemBudget)
        auditlog.register(models.ItemSchedule)
        auditlog.register(models.Indicator)
        auditlog.register(models.IndicatorTarget)
        auditlog.register(models.IndicatorActual)
        auditlog.register(models.ProgressReport)
        auditlog.register(models.ReportTransition)
        auditlog.register(models.Revision)
        from . import portal  # the portal, my page and the open-data catalogue (issue 18)

        portal.register()

    def load_demo(self, world):
        from . import demo

        demo.load(world)
