"""Response headers that protect what a person typed or may see.

Pages rendered for a signed-in person (staff screens with applicants' contacts, a member's
evaluation sheet, a partner's private profile) must not stay in a shared or back-button cache:
every response to a signed-in request gets ``Cache-Control: private, no-store`` unless the view
chose its own policy. The same holds for every answer to a form post, signed in or not: a public
form refused or shown again at its limit carries the name, address and phone the visitor typed
(lecture request, council application, 傍聴, event registration, public comment, survey answer —
and any form a module adds later). Anonymous pages that show personal data on a GET (a lecture
applicant's status page) use ``never_cache`` themselves.
"""

from django.utils.cache import add_never_cache_headers

#: Methods whose answer may show back what the person sent.
FORM_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class SignedInNoStoreMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response
        user = getattr(request, "user", None)
        if request.method in FORM_METHODS or (user is not None and user.is_authenticated):
            add_never_cache_headers(response)
            response["Cache-Control"] += ", private"
        return response
