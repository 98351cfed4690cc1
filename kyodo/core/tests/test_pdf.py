"""core.pdf: a tagged PDF with selectable Japanese text; nothing fetched from outside;
anonymous visitors' PDFs cached until the next write."""

import pytest
from django.test import RequestFactory

from kyodo.core import pagecache
from kyodo.core.pdf import html_to_pdf, render_pdf, static_only_fetcher

from .pdfcheck import pdf_text


def test_html_becomes_a_tagged_pdf_with_selectable_japanese():
    html = '<html lang="ja"><head><title>進捗状況</title></head><body><h1>協働事業の進捗状況</h1>' \
           '<table><tr><th>項目</th><td>出前講座</td></tr></table></body></html>'
    from django.http import HttpResponse
    text = pdf_text(HttpResponse(html_to_pdf(html, base_url="http://testserver/"),
                                 content_type="application/pdf"))
    assert "協働事業の進捗状況" in text and "出前講座" in text


def test_the_fetcher_serves_static_files_and_refuses_any_other_address():
    fetcher = static_only_fetcher()
    assert b"@page" in fetcher.fetch("http://testserver/static/core/pdf.css").read()
    for url in ("http://169.254.169.254/latest/meta-data/", "file:///etc/passwd",
                "http://testserver/static/../../settings.py", "https://example.com/x.css"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def test_a_page_that_names_an_outside_image_still_renders_without_fetching_it():
    html = '<html lang="ja"><body><h1>画像</h1><img src="http://10.0.0.1/x.png" alt="外部"></body></html>'
    assert html_to_pdf(html, base_url="http://testserver/").startswith(b"%PDF-")


@pytest.mark.django_db
def test_render_pdf_names_the_file_and_caches_for_anonymous_visitors(settings):
    from django.contrib.auth.models import AnonymousUser
    settings.KYODO_PAGE_CACHE_SECONDS = 60
    request = RequestFactory().get("/org/x/pdf/")
    request.user = AnonymousUser()
    calls = []

    def context():
        calls.append(1)
        return {"title": "提言の反映状況"}

    response = render_pdf(request, "core/pdf_base.html", context(), "提言の反映状況")
    assert response["Content-Type"] == "application/pdf"
    assert "filename*=utf-8''%E6%8F%90" in response["Content-Disposition"]
    assert response["Content-Disposition"].startswith("inline")
    again = render_pdf(request, "core/pdf_base.html", context(), "提言の反映状況")
    assert again.content == response.content
    pagecache.invalidate()
    assert render_pdf(request, "core/pdf_base.html", context(), "x").content.startswith(b"%PDF-")
