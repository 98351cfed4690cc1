"""What every public form shows when its submission limit is reached (kyodo/core/throttle.py)."""


def assert_refused_at_the_limit(response, *typed):
    """429, the Japanese message saying when to try again, what was typed still in the form and
    nothing of it left in a cache."""
    page = response.content.decode()
    assert response.status_code == 429
    assert "入力内容はそのまま残っています" in page and "分後にもう一度" in page
    for text in typed:
        assert text in page
    assert "no-store" in response["Cache-Control"]
