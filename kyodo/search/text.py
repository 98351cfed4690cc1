"""Japanese text as the index sees it: NFKC-folded character bigrams, and safe snippets.

Japanese has no spaces between words, so the index holds every pair of adjacent characters
(「協働推進」→「協働 働推 推進」). A query is cut the same way and every pair must occur, so a
two-character word (協働, 防災) is found wherever it is written. NFKC with case folding makes
full-width and half-width letters, digits and katakana (ＮＰＯ, ｎｐｏ, NPO; ｶﾀｶﾅ, カタカナ) the
same. Only letters and digits (Unicode categories L*, N*) make words: punctuation, symbols,
emoji, quotes and operators separate them, so no query can carry FTS5 or tsquery syntax.

A one-character query (「市」) matches every pair that starts with it (a prefix match), and
a single letter standing alone.
"""

import unicodedata

from django.utils.html import escape
from django.utils.safestring import mark_safe

#: A query longer than this is cut (the search box says so); 200 like the API's SearchText.
MAX_QUERY = 200
#: At most this many words (space-separated parts) of a query are used.
MAX_WORDS = 10
#: The body text kept in the index for snippets and matching.
MAX_BODY = 5_000


def fold(text):
    """NFKC and case folding: the form in which text is compared."""
    return unicodedata.normalize("NFKC", text or "").casefold()


def _is_word_char(char):
    return unicodedata.category(char)[0] in "LN"


def runs(folded):
    """The runs of letters and digits of folded text."""
    current = []
    for char in folded:
        if _is_word_char(char):
            current.append(char)
        elif current:
            yield "".join(current)
            current = []
    if current:
        yield "".join(current)


def run_terms(run):
    if len(run) == 1:
        return [run]
    return [run[i:i + 2] for i in range(len(run) - 1)]


def terms(text):
    """The index terms of a text: its bigrams (and lone single characters), space separated."""
    return " ".join(term for run in runs(fold(text)) for term in run_terms(run))


def facets(organisation_id, module, fiscal_year):
    """The filters of a row as index terms (``org12 modplans fy2025``). Every one is longer
    than two characters, so no query term (a bigram, or one character) is ever one of them;
    queries keep the text's terms to the title and body columns (weights) anyway."""
    parts = [f"org{int(organisation_id)}", "mod" + "".join(c for c in module if c.isalnum())]
    if fiscal_year:
        parts.append(f"fy{int(fiscal_year)}")
    return " ".join(parts)


class Query:
    """A search text as typed, cut to size and turned into words and bigrams.

    ``words`` are the folded runs (for title ranking and highlighting); ``bigrams`` every
    pair all of which must occur; ``prefix`` the single character when that is all there is.
    Empty when nothing searchable was typed (only symbols, emoji, spaces).
    """

    def __init__(self, text):
        text = (text or "").replace("\x00", "")[:MAX_QUERY]
        self.text = text
        self.words = list(dict.fromkeys(runs(fold(text))))[:MAX_WORDS]
        bigrams = []
        for word in self.words:
            if len(word) > 1:
                bigrams.extend(run_terms(word))
        self.bigrams = list(dict.fromkeys(bigrams))
        singles = [w for w in self.words if len(w) == 1]
        # Single characters beside longer words add nothing the words do not already narrow.
        self.prefixes = singles if not self.bigrams else []

    def __bool__(self):
        return bool(self.words)

    def fts5(self, *, facets=()):
        """An FTS5 MATCH expression: every term quoted (terms are letters and digits only), in
        the title or the body; and every group of ``facets`` (alternatives, e.g. the
        organisations of a filter) in the facet column."""
        parts = [f'"{b}"' for b in self.bigrams] + [f'"{p}" *' for p in self.prefixes]
        expression = f"{{title_terms body_terms}} : ({' AND '.join(parts)})"
        for group in facets:
            expression += " AND {facet_terms} : (" + " OR ".join(f'"{t}"' for t in group) + ")"
        return expression

    def tsquery(self, *, title=False, facets=()):
        """A to_tsquery('simple', …) expression: lexemes quoted, prefixes as ``:*``; for the
        title's own tsvector when ``title`` (no weights there), else kept to the text's
        weights A and B where a prefix could reach a facet; and every group of ``facets``."""
        weight = "" if title else "AB"
        parts = [f"'{b}'" for b in self.bigrams] + [f"'{p}':*{weight}" for p in self.prefixes]
        return " & ".join(parts + ([Query.facets_tsquery(facets)] if facets else []))

    @staticmethod
    def facets_tsquery(facets):
        return " & ".join("(" + " | ".join(f"'{t}'" for t in group) + ")" for group in facets)


def _folded_with_positions(text):
    """The folded text and, for each of its characters, the index of the original character
    it came from (folding one character at a time, so positions map back)."""
    folded, positions = [], []
    for index, char in enumerate(text):
        for out in fold(char):
            folded.append(out)
            positions.append(index)
    return "".join(folded), positions


def _spans(text, words):
    """(start, end) spans of ``text`` where any of ``words`` occurs, merged, in order."""
    if not text or not words:
        return []
    folded, positions = _folded_with_positions(text)
    spans = []
    for word in words:
        start = folded.find(word)
        while start != -1:
            end = start + len(word)
            spans.append((positions[start], positions[end - 1] + 1))
            start = folded.find(word, end)
    spans.sort()
    merged = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def highlight(text, words, *, spans=None):
    """``text`` escaped, with the matches of ``words`` in <mark>."""
    spans = _spans(text, words) if spans is None else spans
    out, last = [], 0
    for start, end in spans:
        out.append(escape(text[last:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        last = end
    out.append(escape(text[last:]))
    return mark_safe("".join(out))


def snippet(text, words, *, width=120):
    """A passage of ``text`` around its first match, escaped, matches marked; the opening
    of the text when nothing matches."""
    text = " ".join((text or "").split())
    spans = _spans(text, words)
    if not spans:
        cut = text[:width]
        return highlight(cut + ("…" if len(text) > width else ""), [])
    first = spans[0][0]
    start = max(0, first - width // 3)
    end = min(len(text), start + width)
    inside = [(max(s, start) - start, min(e, end) - start) for s, e in spans if s < end and e > start]
    marked = highlight(text[start:end], words, spans=inside)
    return mark_safe(("…" if start > 0 else "") + marked + ("…" if end < len(text) else ""))
