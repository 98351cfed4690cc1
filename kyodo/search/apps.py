from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Site-wide search (issue 18): the index, the search page, feeds of what is new."""

    name = "kyodo.search"
    label = "search"
    verbose_name = _("検索")

    def ready(self):
        from kyodo.core import modules

        from . import index

        # Every module's ready() has run (they come before search in INSTALLED_APPS) and
        # registered its sources: hook their saves and deletes.
        index.connect()
        modules.register_bench_targets(bench_targets)


def bench_targets():
    from .bench import targets

    return targets()
