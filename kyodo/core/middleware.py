"""Request guards every page shares: a second factor by role, and the browser features policy.

``RoleMFAMiddleware`` — who needs a second factor is decided by role, not by the address of the
page. Every staff role (``STAFF_ROLES``: department staff, reception desk, coordinator,
organisation admin) and the platform admin can read residents' personal data or act for the
administration, so each must protect the account with TOTP (``MFA_REQUIRED_ROLES``,
docs/operations.md "Security defaults"). Guarding only the admin screens left the lecture
requests (applicants' phone and e-mail), the plan and collaboration staff screens open to a
password alone (issue 13 item 2).

A signed-in holder of such a role without a TOTP authenticator is therefore sent to set it up
from every page — public pages included, so that the account does not browse signed in on a
password alone — except the account pages themselves (allauth: login, logout, password, e-mail,
two-factor set-up), the language switch and the health check; static files never reach Django's
views. Their API calls get a 403 in the API's error shape. New modules are covered without
registering anything.

``PermissionsPolicyMiddleware`` — Kyodo uses no camera, microphone, location, payment or USB, so
every response tells the browser to refuse them to the page and to anything it embeds.
"""

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from .rules import needs_mfa

#: URL names reachable without the second factor, besides every allauth (account) page.
OPEN_URL_NAMES = frozenset({"healthz", "set_language"})
API_PREFIX = "/api/"


def is_open(url_name, view):
    """Is this page one a staff member without TOTP still needs (to set it up or to leave)?"""
    if url_name in OPEN_URL_NAMES:
        return True
    view = getattr(view, "view_class", view)
    return view.__module__.split(".", 1)[0] == "allauth"


def warn_once(request, text):
    """Queue the warning unless it is already waiting (the login's redirect and the page the
    person opens next would otherwise show it twice)."""
    storage = messages.get_messages(request)
    waiting = any(message.message == text for message in storage)
    storage.used = False  # looking is not showing: keep them for the next page
    if not waiting:
        messages.warning(request, text)


class RoleMFAMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or not needs_mfa(user):
            return None
        match = request.resolver_match
        if match is not None and is_open(match.url_name, match.func):
            return None
        if is_mfa_enabled(user, [Authenticator.Type.TOTP]):
            return None
        if request.path_info.startswith(API_PREFIX):
            message = str(_(
                "職員・管理者のアカウントは、二段階認証(認証アプリ)を設定するまでAPIを利用できません。"
            ))
            return JsonResponse({  # the API's one error shape (kyodo/api/urls.py ErrorOut)
                "code": "forbidden", "message": message, "detail": message,
                "message_en": "Staff accounts cannot use the API until they set up an"
                              " authenticator app (two-factor authentication).",
            }, status=403, json_dumps_params={"ensure_ascii": False})
        warn_once(request, _(
            "職員・管理者のアカウントは個人情報を扱うため、二段階認証(認証アプリ)の設定が必要です。"
            "設定すると、すべての画面を利用できます。"
        ))
        setup = reverse("mfa_activate_totp")
        if getattr(request, "htmx", False):
            # A fragment swap would put the set-up page inside the staff screen.
            return HttpResponseClientRedirect(setup)
        return redirect(setup)


#: Browser features no Kyodo page uses; an empty allow-list refuses each to every origin.
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in (
    "accelerometer", "autoplay", "camera", "display-capture", "geolocation", "gyroscope",
    "interest-cohort", "magnetometer", "microphone", "midi", "payment", "usb",
))


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
