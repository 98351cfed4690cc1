"""Rate limits on public forms that do not punish mistakes (django-ratelimit counters).

A public form (lecture request, council application, 傍聴 reservation, …) counts only the
submissions it *accepted*: a person who gets a field wrong five times is not locked out. When
the limit is reached the form is shown again with what the person typed and a Japanese message
saying when to try again.

    limit = SubmissionLimit("lectures.apply", rate="10/h")
    if request.method == "POST":
        if limit.reached(request):
            form.add_error(None, limit.message(request))      # keeps the typed values
        elif form.is_valid():
            ... save ...
            limit.count(request)
"""

import math

from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage


class SubmissionLimit:
    def __init__(self, group, rate="10/h", key="ip"):
        self.group, self.rate, self.key = group, rate, key

    def _usage(self, request, increment):
        return get_usage(request, group=self.group, key=self.key, rate=self.rate,
                         method="POST", increment=increment)

    def reached(self, request):
        """Has this address used up its accepted submissions? (does not count this one)"""
        usage = self._usage(request, increment=False)
        return bool(usage) and usage["count"] >= usage["limit"]

    def count(self, request):
        """Count one accepted submission."""
        self._usage(request, increment=True)

    def message(self, request):
        usage = self._usage(request, increment=False) or {}
        minutes = max(1, math.ceil((usage.get("time_left") or 60) / 60))
        return _(
            "短い時間に多くの送信がありました。入力内容はそのまま残っています。"
            "約%(minutes)d分後にもう一度「送信」を押してください。"
        ) % {"minutes": minutes}
