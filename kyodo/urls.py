"""The map of the site: one include per module.

Pages are Japanese at their plain address and English under /en/ (i18n_patterns); health
checks, the API and the language switch sit outside the language prefix.

There is no Django admin: every task has a screen in the product, behind the same rules,
second factor and throttled login as the rest (issue 13 item 2).
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.i18n import set_language

from kyodo.api.urls import urlpatterns as api_urlpatterns
from kyodo.core import views as core_views
from kyodo.core.urls import admin_urlpatterns as core_admin_urlpatterns

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("api/", include(api_urlpatterns)),
]

urlpatterns += i18n_patterns(
    # Inside the language prefix, so that the switch translates the page's address from the
    # language the page is in (outside it, LocaleMiddleware would assume Japanese).
    path("i18n/setlang/", set_language, name="set_language"),
    path("", include("kyodo.core.urls")),
    *core_admin_urlpatterns,
    path("org/<slug:slug>/plans/", include("kyodo.plans.urls")),
    path("org/<slug:slug>/councils/", include("kyodo.councils.urls")),
    path("org/<slug:slug>/lectures/", include("kyodo.lectures.urls")),
    path("org/<slug:slug>/collaboration/", include("kyodo.collaboration.urls")),
    path("collaboration/", include("kyodo.collaboration.urls_regional")),
    path("org/<slug:slug>/proposals/", include("kyodo.proposals.urls")),
    path("org/<slug:slug>/fund/", include("kyodo.fund.urls")),
    path("org/<slug:slug>/events/", include("kyodo.events.urls")),
    path("org/<slug:slug>/desks/", include("kyodo.desks.urls")),
    path("org/<slug:slug>/calendar/", include("kyodo.calendar.urls")),
    path("org/<slug:slug>/public-comments/", include("kyodo.publiccomment.urls")),
    path("org/<slug:slug>/surveys/", include("kyodo.surveys.urls")),
    path("", include("kyodo.search.urls")),  # /search/, /feeds/…
    path("calendar/", include("kyodo.calendar.urls_regional")),
    path("", include("kyodo.portal.urls")),  # /open-data/ …
    path("accounts/", include("allauth.urls")),
    prefix_default_language=False,
)

if settings.KYODO_BENCH_HELLO:
    urlpatterns.insert(0, path("bench/hello", core_views.bench_hello, name="bench_hello"))

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Error pages in the site's frame and language (kyodo/core/errors.py).
handler400 = "kyodo.core.errors.bad_request"
handler403 = "kyodo.core.errors.permission_denied"
handler404 = "kyodo.core.errors.page_not_found"
handler500 = "kyodo.core.errors.server_error"
