"""Response headers that protect what a signed-in person sees.

Pages rendered for a signed-in person (staff screens with applicants' contacts, a member's
evaluation sheet, a partner's private profile) must not stay in a shared or back-button cache:
every response to a signed-in request gets ``Cache-Control: private, no-store`` unless the view
chose its own policy. Anonymous pages showing personal data (a lecture applicant's status page)
use ``never_cache`` themselves.
"""

from django.utils.cache import add_never_cache_headers


class SignedInNoStoreMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
            response["Cache-Control"] += ", private"
        return response
