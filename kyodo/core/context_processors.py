"""Values every page's frame needs."""

from django.conf import settings


def site(request):
    return {
        "SITE_NAME": "Kyodo 協働ポータル",
        "DEMO_MODE": not settings.PRODUCTION,
    }
