"""The comment form counts only the comments it accepted (kyodo/core/throttle.py): a resident
who gets a field wrong is never locked out, and on the limit the form keeps what was typed and
says in Japanese when to try again (issue 13 §9)."""

import pytest

from kyodo.core.tests.limits import assert_refused_at_the_limit
from kyodo.publiccomment import views
from kyodo.publiccomment.models import Comment

from .test_comment_form import form_url, post_data

pytestmark = pytest.mark.django_db


def test_refused_comments_do_not_count_and_the_limit_keeps_what_was_typed(client, open_call, monkeypatch):
    monkeypatch.setattr(views.COMMENT_LIMIT, "rate", "2/h")
    url = form_url(open_call)
    for _attempt in range(5):  # no consent: refused, never counted
        assert client.post(url, post_data(client, open_call, consent=None)).status_code == 400
    for n in (1, 2):
        assert client.post(url, post_data(client, open_call, email=f"p{n}@example.jp")).status_code == 302
    response = client.post(url, post_data(client, open_call, name="札幌 三郎", body="三通目の意見です。"))
    assert_refused_at_the_limit(response, 'value="札幌 三郎"', "三通目の意見です。")
    assert Comment.objects.count() == 2
