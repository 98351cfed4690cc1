"""The search index: one row per published document of every registered source.

The rows are written by ``index.py`` only. Next to the table lives the full-text index of
``title_terms`` and ``body_terms`` (space-separated NFKC bigrams, see ``text.py``) and
``facet_terms`` (the filters as terms), made by migrations 0002 and 0003 for the database in use:

* SQLite: an FTS5 table ``search_entry_fts`` (``unicode61`` tokenizer) over this table's
  columns, kept in step by triggers — so rows written in bulk (scale data) are indexed too;
* PostgreSQL: a stored generated column ``terms_tsv`` = ``to_tsvector('simple', …)`` (title
  terms weighted A, body B, facets D) with a GIN index. No extension is needed on either.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kyodo.core.models import Organisation


class Entry(models.Model):
    key = models.CharField(_("キー"), max_length=100, unique=True)  # "<source>:<pk>"
    source = models.CharField(_("情報源"), max_length=50)
    object_id = models.BigIntegerField(_("対象ID"))
    organisation = models.ForeignKey(Organisation, verbose_name=_("団体"),
                                     on_delete=models.CASCADE, related_name="+")
    module = models.CharField(_("機能"), max_length=30)
    kind = models.CharField(_("種類"), max_length=60)
    title = models.CharField(_("題名"), max_length=300)
    body = models.TextField(_("本文"), blank=True)
    url = models.CharField(_("URL"), max_length=500)
    fiscal_year = models.PositiveSmallIntegerField(_("年度"), null=True, blank=True)
    published_at = models.DateTimeField(_("公開日時"), null=True, blank=True)
    #: The folded title (``text.fold``): titles containing every word of the query come first.
    title_folded = models.CharField(max_length=300, blank=True)
    title_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)
    #: The filters as index terms (``text.facets``: organisation, module, year), so that the
    #: full-text index narrows to them itself instead of checking every match's row.
    facet_terms = models.TextField(blank=True)

    class Meta:
        verbose_name = _("検索索引")
        verbose_name_plural = _("検索索引")
        indexes = [
            models.Index(fields=["source", "object_id"], name="search_entry_source"),
            models.Index(fields=["organisation", "module", "published_at"], name="search_entry_org"),
            models.Index(fields=["module", "published_at"], name="search_entry_module"),
            models.Index(fields=["published_at"], name="search_entry_new"),
        ]

    def __str__(self):
        return self.title
