from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DesksConfig(AppConfig):
    """Information desks (issue 16): desks, hours, areas, consultation log and statistics."""

    name = "kyodo.desks"
    label = "desks"
    verbose_name = _("市民活動インフォメーション")

    def ready(self):
        from auditlog.registry import auditlog

        from kyodo.core import modules

        from . import models, providers, rules  # noqa: F401  (rules registers the desks.* permissions)

        auditlog.register(models.Desk, m2m_fields={"covered_organisations"})
        auditlog.register(models.DeskHours)
        auditlog.register(models.Consultation)
        modules.register(modules.ModuleLink(
            title=_("市民活動インフォメーション"),
            summary=_("市民活動の相談窓口: 場所・開設時間・担当地域と相談件数"),
            url_name="desks:index", order=60,
        ))
        modules.register(modules.ModuleLink(
            title=_("相談記録"), summary=_("市民活動インフォメーションの相談記録と年度別の統計"),
            url_name="desks:staff", permission="desks.use_staff_screens", order=60,
        ), staff=True)
        modules.register_search(providers.SEARCH_SOURCE)
        for dataset in providers.DATASETS:
            modules.register_dataset(dataset)
        modules.register_bench_targets(providers.bench_targets)

    def load_demo(self, world):
        from . import demo

        demo.load(world)
