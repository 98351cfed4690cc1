"""Server-rendered PDFs of public pages (issue 18 §7): 「PDFで印刷・保存」.

``render_pdf(request, template_name, context, filename)`` renders a Django template to HTML and
WeasyPrint turns it into a PDF:

* **Tagged and accessible** — written as PDF/UA-1 (``pdf_variant="pdf/ua-1"``), which makes
  WeasyPrint tag the structure (headings, tables, lists), mark the document, and record its
  language and title, so screen readers read it and text reflows.
* **Japanese text is real text** — Debian's Noto CJK fonts (``fonts-noto-cjk``, installed by
  ``scripts/_env.sh``) are embedded as subsets with a ToUnicode map, so the text can be
  selected, copied and searched.
* **Nothing fetched from outside** — the fetcher serves only the site's own static files (from
  the staticfiles finders) and ``data:`` URLs; any other address is refused, so a page can never
  make the server reach the network.
* **The print stylesheet** ``core/static/core/pdf.css`` (A4, margins, page numbers, tables with
  repeated headers, the navigation hidden) is applied on top of the template's own styles.
  Templates usually extend ``core/pdf_base.html``.

Anonymous visitors' PDFs are kept in the cache under the public pages' generation
(``core.pagecache``), so a burst of downloads renders once and any write shows at once.

Only ever pass public data: the views reuse the public page's own query function.
"""

import hashlib
import mimetypes
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.http import content_disposition_header
from django.utils.translation import get_language

from . import pagecache

PDF_STYLESHEET = "core/pdf.css"
PDF_VARIANT = "pdf/ua-1"


def static_only_fetcher():
    """WeasyPrint's URL fetcher for Kyodo: the site's static files and ``data:`` URLs only."""
    from weasyprint.urls import URLFetcher

    class StaticOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            return fetch_static(url, super().fetch)

    return StaticOnlyFetcher(allowed_protocols=("data",))


def fetch_static(url, fetch_data):
    from weasyprint.urls import URLFetcherResponse

    if url.startswith("data:"):
        return fetch_data(url)
    path = unquote(urlsplit(url).path)
    static_url = urlsplit(settings.STATIC_URL).path
    if not path.startswith(static_url) or ".." in path.split("/") or not url.startswith(
            ("http://", "https://")):
        raise ValueError(f"PDF rendering fetches no outside address: {url}")
    found = finders.find(path[len(static_url):])
    if not found:
        raise ValueError(f"No such static file: {path}")
    with open(found, "rb") as handle:
        body = handle.read()
    content_type = mimetypes.guess_type(found)[0] or "application/octet-stream"
    return URLFetcherResponse(url, body, {"Content-Type": content_type})


def html_to_pdf(html, base_url):
    """The PDF bytes of one HTML document (tagged PDF/UA-1, fonts embedded, static files only)."""
    from weasyprint import CSS, HTML

    fetcher = static_only_fetcher()
    stylesheet = CSS(filename=finders.find(PDF_STYLESHEET), url_fetcher=fetcher)
    return HTML(string=html, base_url=base_url, url_fetcher=fetcher).write_pdf(
        stylesheets=[stylesheet], pdf_variant=PDF_VARIANT, pdf_tags=True,
    )


def _cache_key(request, template_name):
    parts = "\n".join([request.get_full_path(), get_language() or "", template_name])
    digest = hashlib.sha256(parts.encode()).hexdigest()
    return f"kyodo:pdf:{pagecache.generation()}:{digest}"


def render_pdf(request, template_name, context, filename, *, attachment=False):
    """An HttpResponse holding the PDF of ``template_name`` rendered with ``context``.

    ``filename`` (Japanese is fine; ``.pdf`` is added when missing) is offered to the browser,
    inline by default so the PDF opens in the browser's viewer. Anonymous visitors' PDFs are
    cached until the next write anywhere on the site (or the page cache's timeout)."""
    if not filename.endswith(".pdf"):
        filename += ".pdf"
    cacheable = (not getattr(request, "user", None) or not request.user.is_authenticated) \
        and settings.KYODO_PAGE_CACHE_SECONDS > 0
    pdf = None
    if cacheable:
        key = _cache_key(request, template_name)
        pdf = pagecache.cache().get(key)
    if pdf is None:
        html = render_to_string(template_name, {**context, "pdf": True}, request=request)
        pdf = html_to_pdf(html, base_url=request.build_absolute_uri("/"))
        if cacheable:
            pagecache.cache().set(key, pdf, timeout=settings.KYODO_PAGE_CACHE_SECONDS)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(attachment, filename)
    response["Content-Length"] = str(len(pdf))
    return response
