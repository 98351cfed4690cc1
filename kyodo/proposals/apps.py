from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    """協働事業提案制度 (issue 15): proposal calls, proposals, screening by a panel, results."""

    name = "kyodo.proposals"
    label = "proposals"
    verbose_name = _("提案募集")

    def ready(self):
        from auditlog.registry import auditlog

        from kyodo.core import modules

        from . import models, providers, rules, signals  # noqa: F401  (rules registers the proposals.* perms)

        for model in (models.Call, models.Theme, models.RequiredDocument, models.Phase,
                      models.Criterion, models.PanelMember, models.Proposal, models.ProposalFile,
                      models.Recusal, models.ReviewSheet, models.Score):
            auditlog.register(model)

        modules.register(modules.ModuleLink(
            title=_("協働事業提案制度"),
            summary=_("協働事業の提案募集、審査の基準と日程、審査結果"),
            url_name="proposals:index", order=42,
        ))
        modules.register(modules.ModuleLink(
            title=_("提案募集の作業画面"),
            summary=_("提案募集の作成、担当課の協議、審査委員の採点、選定と結果の公表"),
            url_name="proposals:manage", permission="proposals.view_workspace", order=42,
        ), staff=True)
        modules.register_opportunities(providers.opportunities)
        modules.register_calendar(providers.calendar)
        for source in providers.SEARCH_SOURCES:
            modules.register_search(source)
        modules.register_dataset(providers.DATASET)
        modules.register_my_items(providers.my_items)
        modules.register_bench_targets(providers.bench_targets)

    def load_demo(self, world):
        from . import demo

        demo.load(world)
