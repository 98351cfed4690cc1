"""Organisation and platform admins must protect their account with TOTP before they act.

Admin screens live under the ``manage`` and ``platform`` URL namespaces; an admin without a
TOTP authenticator who opens one is sent to set it up first (SPEC §2, issue: MFA required for
organisation/platform admins). Public pages and the user's own pages stay reachable.
"""

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .rules import needs_mfa

PROTECTED_NAMESPACES = {"manage", "platform"}


class AdminMFAMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or not PROTECTED_NAMESPACES.intersection(match.namespaces):
            return None
        user = request.user
        if not user.is_authenticated or not needs_mfa(user):
            return None
        if is_mfa_enabled(user, [Authenticator.Type.TOTP]):
            return None
        messages.warning(
            request,
            _("管理者の方は、管理画面を使う前に二段階認証(認証アプリ)を設定してください。"),
        )
        return redirect("mfa_activate_totp")
