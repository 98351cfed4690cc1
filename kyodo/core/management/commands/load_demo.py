"""``manage.py load_demo`` — the seeds' world, for the demo site. Idempotent.

Loads the foundation (organisations, departments, demo users) and then every installed Kyodo
module whose AppConfig has a ``load_demo(world)`` method, in INSTALLED_APPS order.
"""

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kyodo.core import pagecache
from kyodo.core.demo import loader, world


class Command(BaseCommand):
    help = "Load the demo data drawn from the seeds (safe to run again)."

    def add_arguments(self, parser):
        parser.add_argument("--quiet-users", action="store_true", help="do not print demo logins")

    def handle(self, *args, quiet_users=False, **options):
        if settings.PRODUCTION:
            raise CommandError("load_demo refuses to run with KYODO_MODE=production.")
        loaded = loader.load()
        for config in apps.get_app_configs():
            load_module_demo = getattr(config, "load_demo", None)
            if callable(load_module_demo):
                load_module_demo(loaded)
                self.stdout.write(f"  demo data: {config.verbose_name}")
        pagecache.invalidate()  # bulk inserts send no signals
        self.stdout.write(self.style.SUCCESS(
            f"Demo data loaded: {len(loaded['organisations'])} organisations, "
            f"{len(loaded['departments'])} departments."
        ))
        if quiet_users:
            return
        self.stdout.write("\nデモ用アカウント (demo only) — password for all: "
                          + self.style.WARNING(world.DEMO_PASSWORD))
        for email, role in loaded["users"]:
            self.stdout.write(f"  {email:<34} {role}")
        self.stdout.write("職員・管理者のアカウントは、最初に二段階認証(TOTP)の設定を求められます。")
