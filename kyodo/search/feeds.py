"""Atom feeds of what is new (issue 18 §4), from the index's published_at: the whole region,
one organisation, and either narrowed to one module. Only what the index holds — what is
published — is in them."""

from django.apps import apps
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from kyodo.core.models import Organisation

from . import follow, queries, text
from .models import Entry

ITEMS = 50


class NewFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, slug=None, module=None):
        if module is not None and module not in queries.modules_indexed():
            raise Http404
        organisation = get_object_or_404(Organisation, slug=slug) if slug else None
        return organisation, module

    def title(self, obj):
        organisation, module = obj
        parts = [organisation.name if organisation else _("Kyodo 協働ポータル")]
        if module:
            parts.append(str(apps.get_app_config(module).verbose_name))
        parts.append(_("新着"))
        return " ".join(parts)

    def link(self, obj):
        organisation, module = obj
        url = reverse("search:search_org", args=[organisation.slug]) if organisation else reverse("search:search")
        return url + (f"?module={module}" if module else "")

    def subtitle(self, obj):
        return _("公開された計画、会議、出前講座、協働事業などの新着情報")

    def items(self, obj):
        organisation, module = obj
        return queries.newest(module=module, limit=ITEMS,
                              organisation_ids=[organisation.pk] if organisation else None)

    def item_title(self, entry):
        return f"[{entry.kind}] {entry.title}"

    def item_description(self, entry):
        return text.snippet(entry.body, [], width=300)

    def item_link(self, entry):
        return entry.url

    def item_guid(self, entry):
        return f"tag:kyodo,{entry.key}"

    item_guid_is_permalink = False

    def item_pubdate(self, entry):
        return entry.published_at

    def item_updateddate(self, entry):
        return entry.published_at

    def item_author_name(self, entry):
        return entry.organisation.name

    def item_categories(self, entry):
        return [entry.kind]


class FollowFeed(NewFeed):
    """What is new about one followed thing: ``/feeds/follow/<kind>/<id>.atom`` (kind: item,
    council, partner; an organisation's feed is ``/org/<slug>/feeds/new.atom``). 404 unless the
    thing itself is in the index (published)."""

    def get_object(self, request, kind, pk):
        if kind not in follow.KINDS:
            raise Http404
        own, condition = follow.entries_filter(kind, pk)
        entry = Entry.objects.filter(key=own).select_related("organisation").first()
        if entry is None:
            raise Http404
        return entry, condition

    def title(self, obj):
        entry, _condition = obj
        return _("%(title)s の新着") % {"title": entry.title}

    def link(self, obj):
        return obj[0].url

    def subtitle(self, obj):
        return _("%(organisation)s ・ %(kind)s") % {"organisation": obj[0].organisation.name,
                                                     "kind": obj[0].kind}

    def items(self, obj):
        _entry, condition = obj
        return list(Entry.objects.filter(condition, published_at__lte=timezone.now())
                    .select_related("organisation").defer("title_terms", "body_terms")
                    .order_by("-published_at", "-id")[:ITEMS])
