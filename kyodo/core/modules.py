"""Where the domain modules show up on the foundation's pages.

Each module registers, in its AppConfig.ready(), the links it adds to an organisation's home
page (public) and to its admin home (staff), so the foundation never imports the modules:

    modules.register(modules.ModuleLink(
        title=_("改革プラン"), summary=_("計画の進み具合"), url_name="plans:index",
    ))
"""

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class ModuleLink:
    title: str
    summary: str
    url_name: str  # reversed with the organisation's slug
    permission: str | None = None  # for staff links: the rule checked against the organisation
    order: int = 100


_public: list[ModuleLink] = []
_staff: list[ModuleLink] = []


def register(link, *, staff=False):
    (_staff if staff else _public).append(link)


def _resolve(links, organisation):
    return [
        {"title": link.title, "summary": link.summary,
         "url": reverse(link.url_name, args=[organisation.slug])}
        for link in sorted(links, key=lambda link: link.order)
    ]


def public_links(organisation):
    return _resolve(_public, organisation)


def staff_links(organisation, user):
    allowed = [link for link in _staff
               if link.permission is None or user.has_perm(link.permission, organisation)]
    return _resolve(allowed, organisation)
