from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicCommentConfig(AppConfig):
    """Public comment (issue 17): drafts, comments, opinion items with the administration's view, results."""

    name = "kyodo.publiccomment"
    label = "publiccomment"
    verbose_name = _("意見公募")

    def ready(self):
        from auditlog.registry import auditlog

        from kyodo.core import modules, reminders

        from . import models, notices, providers, rules  # noqa: F401  (rules registers the publiccomment.* permissions)

        auditlog.register(models.Call, exclude_fields=["last_receipt"])
        auditlog.register(models.Section)
        auditlog.register(models.Document, exclude_fields=["file"])
        auditlog.register(models.Comment, include_fields=[
            "channel", "entered_by", "body", "original_body", "mask_reason", "mask_note", "masked_by",
            "masked_at", "section", "erased_at",
        ])
        auditlog.register(models.OpinionItem, m2m_fields={"comments"})
        reminders.register("publiccomment.new_comments", notices.new_comments)
        reminders.register("publiccomment.period_ended", notices.period_ended)
        modules.register(modules.ModuleLink(
            title=_("意見公募(パブリックコメント)"),
            summary=_("市の計画や条例の案に意見を出せます。募集中の案と、意見の概要・市の考え方"),
            url_name="publiccomment:index", order=40,
        ))
        modules.register(modules.ModuleLink(
            title=_("意見公募(職員用)"),
            summary=_("案の公示、郵送等の意見の代理入力、意見の整理と市の考え方、結果の公表"),
            url_name="publiccomment:manage", permission="publiccomment.use_staff_screens", order=40,
        ), staff=True)
        providers.register()

    def load_demo(self, world):
        from . import demo

        demo.load(world)
