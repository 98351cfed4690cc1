from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The portal (issue 18): what is open now, my page, follows, open-data catalogue."""

    name = "kyodo.portal"
    label = "portal"
    verbose_name = _("ポータル")

    def ready(self):
        from auditlog.registry import auditlog

        from kyodo.core import modules
        from kyodo.core.notify import register_mail_policy

        from . import models, notices

        auditlog.register(models.OpenDataLicence)
        register_mail_policy(notices.mail_policy)
        modules.register_bench_targets(bench_targets)
        modules.register(modules.ModuleLink(
            title=_("オープンデータ"), summary=_("公開しているデータセットの一覧(CSV・Excel・JSON、DCAT)"),
            url_name="portal:organisation_open_data", order=90,
        ))
        modules.register(modules.ModuleLink(
            title=_("オープンデータのライセンス"), summary=_("公開するデータセットのライセンス(既定は CC BY 4.0)"),
            url_name="portal:licence", permission="core.edit_organisation_profile", order=90,
        ), staff=True)

    def load_demo(self, world):
        from . import demo

        demo.load(world)


def bench_targets():
    """The front door and the catalogue: region-wide, so the heaviest instance is the one page."""
    from kyodo.core.models import Organisation

    if not Organisation.objects.exists():
        return []
    return [("open_now", "いま参加できること", "/open-now/"),
            ("open_data", "オープンデータカタログ", "/open-data/"),
            ("dcat", "DCATカタログ(JSON-LD)", "/open-data/catalog.jsonld")]
