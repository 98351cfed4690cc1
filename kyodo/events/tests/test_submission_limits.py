"""The registration form counts only the registrations it accepted (kyodo/core/throttle.py): a
visitor who gets a field wrong is never locked out, and on the limit the form keeps what was
typed and says in Japanese when to try again (issue 13 §9)."""

import pytest

from kyodo.core.tests.limits import assert_refused_at_the_limit
from kyodo.events import views
from kyodo.events.models import Registration

from .conftest import make_event

pytestmark = pytest.mark.django_db


def registration(session, n, **changes):
    return {"form_token": f"token-{n}-" + "x" * 16, "session": session.pk, "name": f"道民 {n}郎",
            "email": f"p{n}@example.jp", "phone": "011-231-4111", "consent": "on", **changes}


def test_refused_forms_do_not_count_and_the_limit_keeps_what_was_typed(
        client, hokkaido, organiser_department, monkeypatch):
    monkeypatch.setattr(views.REGISTER_LIMIT, "rate", "2/h")
    event = make_event(hokkaido, organiser_department, capacity=50)
    session = event.sessions.get()
    url = f"/org/hokkaido/events/{event.pk}/register/"
    for n in range(5):  # a mistyped address, again and again: refused, never counted
        assert client.post(url, registration(session, n, email="p@")).status_code == 400
    for n in (1, 2):
        assert client.post(url, registration(session, n)).status_code == 302
    response = client.post(url, registration(session, 3, name="北海 三郎", phone="011-000-3333"))
    assert_refused_at_the_limit(response, 'value="北海 三郎"', 'value="011-000-3333"')
    assert Registration.objects.count() == 2
