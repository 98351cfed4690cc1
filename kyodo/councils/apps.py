from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilsConfig(AppConfig):
    """市民会議 (SPEC §3.2): councils, members, recruitment, meetings, recommendations and the
    evaluation of the plan's implementation."""

    name = "kyodo.councils"
    label = "councils"
    verbose_name = _("市民会議")

    def ready(self):
        from auditlog.registry import auditlog

        from kyodo.core import modules

        from . import models, rules  # noqa: F401  (rules registers the councils.* permissions)
        from . import search_sources  # noqa: F401  (registers what the site-wide search indexes)

        for model in (models.Council, models.CouncilBudget, models.Member, models.Call,
                      models.Meeting, models.Material, models.Activity,
                      models.RecommendationReport, models.EvaluationRound, models.Criterion,
                      models.ItemVerdict):
            auditlog.register(model)
        auditlog.register(models.Application, exclude_fields=["essay", "address", "phone", "email",
                                                             "name", "name_kana", "birth_year"])
        auditlog.register(models.Recommendation, m2m_fields={"items"})
        # A sheet's submission and its proxy entry (channel, entered_by) are audited; the
        # time of each autosave is not worth an entry.
        auditlog.register(models.MemberProgress, exclude_fields=["saved_at"])
        from kyodo.core import reminders

        from . import notices

        reminders.register("councils.sheets_due", notices.sheets_due)
        reminders.register("councils.sheets_overdue", notices.sheets_overdue)
        from kyodo.plans import extensions

        from . import queries

        extensions.register_item_section("councils/includes/item_section.html",
                                         queries.item_council_sections)
        modules.register_bench_targets("kyodo.councils.bench.targets")
        modules.register(modules.ModuleLink(
            title=_("市民会議"), summary=_("委員、会議と会議録、提言と反映状況、実施状況の評価"),
            url_name="councils:index", order=20,
        ))
        modules.register(modules.ModuleLink(
            title=_("市民会議(事務局・委員)"), summary=_("公募の選考、会議、提言の反映状況、評価の進行"),
            url_name="councils:workspace", permission="councils.use_workspace", order=20,
        ), staff=True)
        from . import calendar_entries  # the one calendar (issue 16)

        modules.register_calendar(calendar_entries.calendar_entries)
        from . import portal  # the portal, my page and the open-data catalogue (issue 18)

        portal.register()

    def load_demo(self, world):
        from . import demo

        demo.load(world)
