"""The machinery of the test that hunts server errors (``test_hostile_input.py``, issue 13 §5).

- :func:`routes` lists every URL pattern of the project from the resolver, so that a module
  added tomorrow is walked without a line changed here;
- :func:`crawl` follows the links and forms of the seeded site to find, for each pattern, an
  address with real ids (a plan's item under that plan), the query parameters its links and
  filter forms use, and the forms that post to it;
- :func:`query_names` reads a view's source for the query parameters it parses;
- the strategies draw what careless users and attackers type: huge and negative numbers, years
  0 and 10000, full-width digits, emoji, NUL, 10,000 characters, dates that do not exist.
"""

import inspect
import re
import unicodedata
from collections import defaultdict, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, quote, urldefrag, urljoin, urlsplit

from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern
from hypothesis import strategies as st

# --- What people type ----------------------------------------------------------------------------

HUGE_NUMBERS = ["9" * 25, "-" + "9" * 25, "-1", "0", "-0", str(2**31), str(2**63 - 1), str(2**63),
                str(2**64), str(-(2**63) - 1), "1e400", "-1e400", "NaN", "Infinity", "1.5", "0x10"]
YEARS = ["0", "1200", "1899", "2101", "10000", "99999", "２０２６", "令和99年", "令和0年", "R99",
         "平成元年度", "明治5年"]
DATES = ["2026-02-30", "9999-99-99", "9999-12-31", "0001-01-01", "0000-00-00", "2026-13-01",
         "10000-01-01", "令和99年12月31日", "2026-02-30T25:61", "9999-12-31T23:59", "2026/4/1",
         "99999-1", "2026-0", "2026-99", "-2026-01", "1-1-1", "25:00", "24:00", "99:99"]
TEXTS = ["\x00", "a\x00b", "x" * 10_000, "あ" * 10_000, "🙂" * 50, "👨‍👩‍👧‍👦", "𠮷", "\u202eabc",
         "", " ", "\t\n", "' OR 1=1 --", "<script>alert(1)</script>", "{{ 7*7 }}", "%s%n",
         "../../etc/passwd", "ｱｲｳ", "１２３", "０１１－２１１－２１１１", "〒０６０－８６１１",
         "a@b", "@", "null", "None", "true", "[]", "{}"]

#: Values at the edge of what the typed inputs accept: they pass the form and reach the
#: database and the display (年度 2100 in 和暦, 1兆円 − 1 formatted, a count at its maximum).
EDGES = ["2100", "1900", "2100-12-31", "1900-01-01", "2100-12-31T23:59", "1900-01-01T00:00",
         "999999999999", "999,999,999,999円", "9999999", "2147483647", "32767", "100.00", "0.01",
         "令和82年度", "明治33年"]

#: Every hostile value, for a field whose type we do not know.
ANY_VALUE = st.one_of(
    st.sampled_from(HUGE_NUMBERS + YEARS + DATES + TEXTS + EDGES),
    st.integers(min_value=-(2**80), max_value=2**80).map(str),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12),
)


def path_values(converter):
    """Values to put into a path segment matched by ``converter``, the one that passes it and
    reaches the view first (the largest id a bigint holds, the last 年度), then ones it should
    refuse with a 404."""
    if converter == "id":
        return [str(2**63 - 1), str(2**63), "0", "9" * 25, "99999999", "１２"]
    if converter == "fy":
        return ["2100", "1900", "2101", "1899", "0000", "9999", "２０２６"]
    if converter == "int":
        return HUGE_NUMBERS[:10]
    if converter == "slug":
        return ["no-such-thing", "x" * 300, "0", "-", "_", "csv", "xlsx", "9" * 25]
    return TEXTS[:8] + HUGE_NUMBERS[:4] + DATES[:3] + ["csv", "json", "xlsx"]


def typed_hostile(kind):
    """Hostile values aimed at an input of HTML type ``kind`` (then anything at all)."""
    aimed = {
        "number": HUGE_NUMBERS + YEARS + EDGES, "date": DATES + EDGES[2:4],
        "datetime-local": DATES + EDGES[4:6], "time": DATES, "month": DATES + YEARS,
        "email": TEXTS + ["a" * 300 + "@example.jp", "x@" + "y" * 300],
        "tel": TEXTS + ["0" * 40, "+81" + "9" * 30], "url": TEXTS + ["javascript:alert(1)"],
    }.get(kind)
    return st.one_of(st.sampled_from(aimed), ANY_VALUE) if aimed else ANY_VALUE


# --- The URL patterns -----------------------------------------------------------------------------

_ROUTE_PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


@dataclass(frozen=True)
class Route:
    """One URL pattern: ``key`` is what ``resolve(path).route`` calls it (the test id)."""

    key: str
    template: tuple  # literal text and (name, converter) pairs, in order
    callback: object
    i18n: bool

    @property
    def params(self):
        return [part for part in self.template if isinstance(part, tuple)]

    @property
    def module(self):
        return getattr(self.callback, "__module__", "") or ""

    @property
    def is_api(self):
        return self.key.startswith("api/v1/") and self.module.startswith("ninja.")

    def url(self, values, language=""):
        """The address with ``values`` (by parameter name) in its segments, percent-encoded."""
        text = "".join(part if isinstance(part, str) else quote(str(values[part[0]]), safe="")
                       for part in self.template)
        prefix = f"/{language}/" if language and self.i18n else "/"
        return prefix + text


def _regex_template(regex):
    """``^confirm-email/(?P<key>[-:\\w]+)/$`` as a template; other regex syntax stays literal."""
    parts, i, literal = [], 0, ""
    regex = regex.removeprefix("^").removesuffix("$")
    while i < len(regex):
        if regex.startswith("(?P<", i):
            end_name = regex.index(">", i)
            name = regex[i + 4:end_name]
            depth, j = 1, end_name + 1
            while depth:
                depth += {"(": 1, ")": -1}.get(regex[j], 0) if regex[j - 1] != "\\" else 0
                j += 1
            group = regex[end_name + 1:j - 1]
            if literal:
                parts.append(literal)
                literal = ""
            parts.append((name, "regex:" + group))
            i = j
        else:
            literal += regex[i]
            i += 1
    if literal:
        parts.append(literal.replace("\\", ""))
    return parts


def _template(pattern):
    if isinstance(pattern, RoutePattern):
        text, parts, last = str(pattern), [], 0
        for match in _ROUTE_PARAM.finditer(text):
            parts.append(text[last:match.start()])
            parts.append((match["name"], match["converter"] or "str"))
            last = match.end()
        parts.append(text[last:])
        return [p for p in parts if p != ""]
    if isinstance(pattern, RegexPattern):
        return _regex_template(str(pattern))
    return [str(pattern)]


def routes():
    """Every URL pattern of the project, depth first, in the resolver's order."""
    found = []

    def walk(resolver, key, template, i18n):
        for entry in resolver.url_patterns:
            is_locale = isinstance(entry.pattern, LocalePrefixPattern)
            entry_key = key + str(entry.pattern)
            entry_template = template + ([] if is_locale else _template(entry.pattern))
            if isinstance(entry, URLResolver):
                walk(entry, entry_key, entry_template, i18n or is_locale)
            elif isinstance(entry, URLPattern):
                found.append(Route(entry_key, tuple(entry_template), entry.callback, i18n))

    walk(get_resolver(), "", [], False)
    unique = {}
    for route in found:
        unique.setdefault(route.key, route)  # a shadowed duplicate can never be reached
    return list(unique.values())


def route_key(path):
    try:
        return resolve(urlsplit(path).path).route
    except Resolver404:
        return None


# --- Query parameters a view reads ----------------------------------------------------------------

COMMON_QUERY_NAMES = ("page", "year", "fiscal_year", "month", "q", "status", "department", "theme",
                      "category", "form", "field", "type", "partner_type", "stage", "sort", "t",
                      "receipt", "email", "next")
_GET_NAME = re.compile(r"""request\.GET(?:\.get|\.getlist)?\s*[\[(]\s*["'](\w+)["']""")
_QUERY_VALUE = re.compile(r"""\(\s*request\.GET\s*,\s*["'](\w+)["']""")
_FORM_OF_GET = re.compile(r"""(\w+)\(\s*(?:data\s*=\s*)?request\.GET\b""")


def _view_function(callback):
    return getattr(callback, "view_class", None) or inspect.unwrap(callback)


def query_names(callback):
    """Names the view parses from the query string: its ``request.GET`` look-ups and the fields
    of the filter forms (forms and django-filter sets) it binds to ``request.GET``."""
    function = _view_function(callback)
    try:
        source = inspect.getsource(function)
        namespace = inspect.getmodule(function).__dict__
    except (TypeError, OSError):
        return set()
    names = set(_GET_NAME.findall(source)) | set(_QUERY_VALUE.findall(source))
    if "page_number(request.GET" in source:
        names.add("page")
    for class_name in _FORM_OF_GET.findall(source):
        bound = namespace.get(class_name)
        names |= set(getattr(bound, "base_fields", {}) or {})
        names |= set(getattr(bound, "base_filters", {}) or {})
    return names


# --- Pages: links and forms -----------------------------------------------------------------------

@dataclass
class Form:
    """A ``<form>`` of a page: where it goes and the values a browser would send."""

    page: str
    action: str
    method: str
    fields: dict = field(default_factory=dict)  # name -> (input type, current value)
    choices: dict = field(default_factory=dict)  # name -> option values of a select/radio
    buttons: list = field(default_factory=list)  # (name, value) of named submit buttons
    files: list = field(default_factory=list)  # names of file inputs

    def values(self):
        """What submitting the form unchanged sends, with required blanks filled plausibly."""
        data = {}
        for name, (kind, value) in self.fields.items():
            if value == "" and kind in PLAUSIBLE:
                value = PLAUSIBLE[kind]
            if value == "" and self.choices.get(name):
                value = next((c for c in self.choices[name] if c), "")
            data[name] = value
        return data


PLAUSIBLE = {"text": "テスト", "textarea": "テストの本文です。", "number": "1", "date": "2026-10-01",
             "datetime-local": "2026-10-01T14:00", "time": "14:00", "email": "hunter@example.jp",
             "tel": "011-211-2111", "url": "https://example.jp/", "month": "2026-10",
             "password": "correct-horse-battery-staple-9"}


class PageParser(HTMLParser):
    """Links (``href``) and forms of an HTML page, as a browser would see them."""

    def __init__(self, page):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.links = []
        self.forms = []
        self._form = None
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "a" and attrs.get("href"):
            # A fragment (#reports-title) names a place in the page, not another address.
            self.links.append(urldefrag(urljoin(self.page, attrs["href"])).url)
        elif tag == "form":
            self._form = Form(self.page, urljoin(self.page, attrs.get("action") or self.page),
                              (attrs.get("method") or "get").lower())
            self.forms.append(self._form)
        elif self._form is None or "name" not in attrs:
            return
        elif tag == "input":
            kind = (attrs.get("type") or "text").lower()
            name = attrs["name"]
            if kind in ("submit", "image", "button"):
                self._form.buttons.append((name, attrs.get("value", "")))
            elif kind == "file":
                self._form.files.append(name)
            elif kind in ("checkbox", "radio"):
                self._form.choices.setdefault(name, []).append(attrs.get("value", "on"))
                if "checked" in attrs or name not in self._form.fields:
                    checked = "checked" in attrs or kind == "radio"
                    self._form.fields[name] = (kind, attrs.get("value", "on") if checked else "")
            else:
                self._form.fields[name] = (kind, attrs.get("value", ""))
        elif tag == "button" and (attrs.get("type") or "submit") == "submit":
            self._form.buttons.append((attrs["name"], attrs.get("value", "")))
        elif tag == "select":
            self._select = attrs["name"]
            self._form.fields[self._select] = ("select", "")
            self._form.choices[self._select] = []
        elif tag == "option" and self._select:
            value = attrs.get("value", "")
            self._form.choices[self._select].append(value)
            if "selected" in attrs:
                self._form.fields[self._select] = ("select", value)
        elif tag == "textarea":
            self._textarea = attrs["name"]
            self._form.fields[self._textarea] = ("textarea", "")

    def handle_data(self, data):
        if self._textarea and self._form:
            kind, value = self._form.fields[self._textarea]
            self._form.fields[self._textarea] = (kind, value + data)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def parse_page(url, response):
    parser = PageParser(url)
    parser.feed(response.content.decode("utf-8", "replace"))
    return parser


def is_html(response):
    return response.get("Content-Type", "").startswith("text/html")


def is_site_path(url):
    parts = urlsplit(url)
    return ((not parts.scheme or parts.netloc == "testserver") and parts.path.startswith("/")
            and not parts.path.startswith(("/en/", "/static/", "/media/", "/i18n/")))


# --- Crawling the seeded site ---------------------------------------------------------------------

@dataclass
class Site:
    """What the crawl learnt, by route key."""

    samples: dict = field(default_factory=dict)  # an address with real ids
    post_forms: dict = field(default_factory=lambda: defaultdict(list))
    query_names: dict = field(default_factory=lambda: defaultdict(set))
    kwargs: dict = field(default_factory=dict)  # a real value of each path parameter, by name


def crawl(client, starts, organisations, site=None, limit=800, tries=3):
    """Breadth first through the pages ``client`` can open in ``organisations`` (slugs): one
    working address per pattern and organisation, since one organisation's list may be empty
    where another's leads on to the pages behind it."""
    site = site or Site()
    queue = deque(starts)
    tried, done = defaultdict(int), set()
    while queue and limit:
        url = queue.popleft()
        key = route_key(url)
        if key is None:
            continue
        kwargs = resolve(urlsplit(url).path).kwargs
        if kwargs.get("slug", organisations[0]) not in organisations:
            continue
        place = (key, kwargs.get("slug"))
        if place in done or tried[place] >= tries:
            continue
        tried[place] += 1
        limit -= 1
        try:
            with transaction.atomic():
                response = client.get(url)
        except Exception:  # the pattern's own test meets it again and reports it
            site.samples.setdefault(key, url)
            continue
        if response.status_code != 200:
            continue
        done.add(place)
        site.samples.setdefault(key, url)
        for name, value in kwargs.items():
            site.kwargs.setdefault(name, value)
        if not is_html(response):
            continue
        page = parse_page(url, response)
        for link in page.links:
            if is_site_path(link) and (link_key := route_key(link)) is not None:
                queue.append(link)
                site.query_names[link_key].update(
                    name for name, _ in parse_qsl(urlsplit(link).query))
        for form in page.forms:
            if not is_site_path(form.action) or (action_key := route_key(form.action)) is None:
                continue
            if form.method == "post":
                if len(site.post_forms[action_key]) < 3:
                    site.post_forms[action_key].append(form)
                # A pattern only posted to (a workflow step) has its address from the form.
                site.samples.setdefault(action_key, urlsplit(form.action).path)
            else:
                site.query_names[action_key].update(form.fields)
                queue.append(urlsplit(form.action).path)
    return site


# --- Checking an answer ---------------------------------------------------------------------------

_JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def speaks_japanese(response):
    """An HTML page in the site's frame, marked and written in Japanese."""
    text = response.content.decode("utf-8", "replace")
    return is_html(response) and 'lang="ja"' in text and bool(_JAPANESE.search(text))


def shorten(value, width=60):
    """A value as it can be read in a report: NUL and controls visible, long runs counted."""
    text = value if isinstance(value, str) else repr(value)
    text = "".join(f"\\x{ord(c):02x}" if unicodedata.category(c) == "Cc" else c for c in text)
    return text if len(text) <= width else f"{text[:width]}…({len(text)} chars)"
