"""The demo's lecture requests carry the dates they would have had (issue 14): received over
past weeks and moved on step by step, not all on the day the demo is loaded."""

import pytest
from django.utils import timezone

from kyodo.lectures.models import Request, Transition

pytestmark = pytest.mark.django_db


def test_demo_requests_were_received_and_handled_before_the_load_day():
    from kyodo.core.demo import loader
    from kyodo.lectures import demo

    demo.load(loader.load())
    today = timezone.localdate()
    assert Request.objects.exists()
    assert not Request.objects.filter(created_at__date=today).exists()
    assert not Transition.objects.filter(at__date=today).exists()
    for request in Request.objects.exclude(preferred_1=None):
        assert request.created_at < request.preferred_1
