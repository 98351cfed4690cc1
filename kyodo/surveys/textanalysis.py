"""Japanese free-text analysis (issue 17 §5) — the words residents use in survey answers and
public comments, as KH Coder shows them to municipal staff: the most frequent words, the
network of words that appear together, and which words each group (age band, ward…) uses more.

This module knows nothing of surveys or public comments: it takes an iterable of
``(id, text, attributes)`` — ``attributes`` a dict such as ``{"age_band": "30代", "area": "中央区"}``
— and returns a plain, JSON-serialisable dict that callers store (so pages never recompute):

    result = analyse(rows, total=count, progress=callback)
    result["words"]        # [{"word", "pos", "count", "documents", "ids"}] most frequent first
    result["edges"]        # [{"source", "target", "count", "jaccard"}] strongest first
    result["by_attribute"] # {name: {"values": [...], "bases": {value: n}, "rows": [...],
                           #        "distinctive": {value: [word, …]}}}
    network_svg(result)    # the co-occurrence network as an accessible SVG picture

Words are SudachiPy's normalised forms (「取組」「取り組み」 and 「進んで」「進む」 count as one word)
of nouns, verbs, adjectives and adjectival nouns (形状詞: 丁寧, 大切), with function words, numbers
and a stop list of words that carry no meaning on their own (する, ある, こと, 思う…) removed.
Co-occurrence is counted per answer (a word pair appears together in how many answers) and
ranked by the Jaccard coefficient, as KH Coder does.
"""

import heapq
import html
import itertools
import math
import random
import re
import threading
import time
import tracemalloc
from collections import Counter, defaultdict

#: Parts of speech kept (Sudachi's first level), with the label shown to staff.
POS_LABELS = {"名詞": "名詞", "動詞": "動詞", "形容詞": "形容詞", "形状詞": "形容動詞"}
#: Second-level parts of speech dropped even when the first level is kept.
DROPPED_SUBPOS = {"数詞", "助数詞", "代名詞"}

#: Words that carry no meaning on their own in survey answers (normalised forms).
STOP_WORDS = frozenset("""
する 為る 居る いる ある 有る 成る なる よる 因る 依る れる られる できる 出来る 思う 言う 云う 考える 感じる 行う 行なう
こと 事 もの 物 ため 為 よう 様 ところ 所 とき 時 方 ほう 等 など 的 化 者 人 さん 様 中 上 下 前 後 以上 以下
今 今回 これ それ あれ どれ ここ そこ 自分 私 僕 皆 みんな 感じ 点 面 部分 場合 くらい 位 程 辺 他 ほか 際 間 内
良い いい 無い ない 多い 少ない 欲しい ほしい 頂く いただく 下さる くださる 貰う もらう 見る 来る 行く 置く 付く
ちょう 特に 特 非常 大変 とても 少し 是非 ぜひ 全て 全部 全体 各 毎 同じ 色々 いろいろ 様々 さまざま
""".split())

#: Sudachi refuses inputs over ~49 KB; answers are cut into pieces well under that.
_MAX_CHUNK = 4000
_SENTENCE = re.compile(r"(?<=[。！？!?\n])")

_local = threading.local()


def _tokenizer():
    """One Sudachi tokenizer per thread (they are not shared safely across threads); the core
    dictionary is a PyPI package, read from disk, nothing is downloaded."""
    tok = getattr(_local, "tokenizer", None)
    if tok is None:
        from sudachipy import Dictionary, SplitMode

        tok = _local.tokenizer = Dictionary(dict="core").tokenizer(mode=SplitMode.C)
    return tok


def _chunks(text):
    if len(text) <= _MAX_CHUNK:
        yield text
        return
    piece = ""
    for sentence in _SENTENCE.split(text):
        while len(sentence) > _MAX_CHUNK:
            yield sentence[:_MAX_CHUNK]
            sentence = sentence[_MAX_CHUNK:]
        if len(piece) + len(sentence) > _MAX_CHUNK:
            yield piece
            piece = ""
        piece += sentence
    if piece:
        yield piece


def tokenize(text):
    """The meaningful words of ``text`` in order: ``[(normalised form, POS label), …]``."""
    if not text:
        return []
    text = text.replace("\x00", "")
    tok = _tokenizer()
    words = []
    for chunk in _chunks(text):
        for m in tok.tokenize(chunk):
            pos = m.part_of_speech()
            if pos[0] not in POS_LABELS or pos[1] in DROPPED_SUBPOS:
                continue
            if pos[0] == "動詞" and pos[1] == "非自立可能":
                continue
            word = m.normalized_form()
            if word in STOP_WORDS or m.dictionary_form() in STOP_WORDS:
                continue
            # One hiragana, katakana or latin letter, digits, symbols: noise, not words.
            if len(word) == 1 and not ("\u4e00" <= word <= "\u9fff"):
                continue
            if word.isdigit():
                continue
            words.append((word, POS_LABELS[pos[0]]))
    return words


def analyse(items, *, total=None, top=60, network_words=40, max_edges=60, ids_per_word=300,
            attribute_rows=30, progress=None, progress_every=1000):
    """Analyse ``items`` — an iterable of ``(id, text, attributes)`` — in one pass.

    ``progress(done, total)`` is called every ``progress_every`` answers (for a background
    task's progress bar). Memory grows with the number of distinct words per answer only: each
    answer is kept as a small tuple of word numbers, not as text."""
    vocabulary = {}  # word -> number
    pos_of = []  # number -> POS label
    occurrences = Counter()  # number -> times used
    doc_freq = Counter()  # number -> answers using it
    documents = []  # (id, tuple of word numbers, attributes)
    done = 0
    for item_id, text, attributes in items:
        numbers = set()
        for word, pos in tokenize(text or ""):
            number = vocabulary.get(word)
            if number is None:
                number = vocabulary[word] = len(pos_of)
                pos_of.append(pos)
            occurrences[number] += 1
            numbers.add(number)
        doc_freq.update(numbers)
        documents.append((item_id, tuple(sorted(numbers)), attributes or {}))
        done += 1
        if progress is not None and done % progress_every == 0:
            progress(done, total)
    if progress is not None:
        progress(done, total or done)

    words_of = {number: word for word, number in vocabulary.items()}
    ranked = sorted(doc_freq, key=lambda n: (-doc_freq[n], -occurrences[n], words_of[n]))[:top]
    top_set = set(ranked)
    ids = defaultdict(list)
    for item_id, numbers, _attrs in documents:
        for number in numbers:
            if number in top_set and len(ids[number]) < ids_per_word:
                ids[number].append(item_id)

    result = {
        "documents": done,
        "documents_with_words": sum(1 for _i, numbers, _a in documents if numbers),
        "distinct_words": len(vocabulary),
        "words": [{"word": words_of[n], "pos": pos_of[n], "count": occurrences[n],
                   "documents": doc_freq[n], "ids": ids[n]} for n in ranked],
        "edges": _edges(documents, ranked[:network_words], doc_freq, words_of, max_edges),
        "by_attribute": _by_attribute(documents, ranked[:attribute_rows], words_of),
    }
    return result


def _edges(documents, network, doc_freq, words_of, max_edges):
    chosen = set(network)
    pairs = Counter()
    for _id, numbers, _attrs in documents:
        present = [n for n in numbers if n in chosen]
        if len(present) > 1:
            pairs.update(itertools.combinations(present, 2))
    scored = []
    for (a, b), together in pairs.items():
        if together < 2:
            continue
        jaccard = together / (doc_freq[a] + doc_freq[b] - together)
        scored.append((jaccard, together, words_of[a], words_of[b]))
    best = heapq.nlargest(max_edges, scored, key=lambda s: (s[0], s[1], s[2], s[3]))
    return [{"source": a, "target": b, "count": together, "jaccard": round(jaccard, 3)}
            for jaccard, together, a, b in best]


def _by_attribute(documents, rows, words_of):
    """For each attribute: the answers of each value (the base n), and for the most frequent
    words the number and share of each value's answers that use the word; plus each value's
    distinctive words (used by a clearly larger share of its answers than of all answers)."""
    bases = defaultdict(Counter)
    counts = defaultdict(lambda: defaultdict(Counter))  # name -> value -> word number -> answers
    all_freq = Counter()
    for _id, numbers, attributes in documents:
        for name, value in attributes.items():
            if value in (None, ""):
                continue
            value = str(value)
            bases[name][value] += 1
            counts[name][value].update(numbers)
        all_freq.update(numbers)
    total = len(documents) or 1
    compared = {}
    for name in sorted(bases):
        values = sorted(bases[name])
        table = []
        for number in rows:
            cells = {v: counts[name][v][number] for v in values}
            table.append({"word": words_of[number], "counts": cells,
                          "shares": {v: round(100 * cells[v] / bases[name][v], 1) for v in values}})
        distinctive = {}
        for value in values:
            base = bases[name][value]
            scored = []
            for number, used in counts[name][value].items():
                if used < 3:
                    continue
                share, overall = used / base, all_freq[number] / total
                if share >= 1.5 * overall:
                    scored.append((share / overall, used, words_of[number]))
            distinctive[value] = [w for _r, _u, w in heapq.nlargest(5, scored)]
        compared[name] = {"values": values, "bases": dict(bases[name]), "rows": table,
                          "distinctive": distinctive}
    return compared


def run_and_store(record, rows, *, total, title, measure=False):
    """Analyse ``rows`` for a stored analysis ``record`` (a ``surveys.models.WordAnalysis``: a
    survey question's or a public comment call's) as the background task does: mark it running,
    store the progress every 2% (at least every 500 answers), then the result, the network
    picture, the time and — with ``measure`` — the peak memory (tracemalloc). A failure marks
    it failed. Returns ``(seconds, peak MiB or None)``."""
    from django.utils import timezone

    stored = type(record).objects.filter(pk=record.pk)
    stored.update(status=record.Status.RUNNING, started_at=timezone.now(), total=total, done=0,
                  finished_at=None)

    def progress(done, _total):
        stored.update(done=done)

    if measure:
        tracemalloc.start()
    started = time.perf_counter()
    try:
        result = analyse(rows, total=total, progress=progress, progress_every=max(500, total // 50 or 1))
        svg = network_svg(result, title=title)
    except Exception:
        stored.update(status=record.Status.FAILED)
        raise
    finally:
        peak = tracemalloc.get_traced_memory()[1] / 1e6 if measure else None
        if measure:
            tracemalloc.stop()
    seconds = time.perf_counter() - started
    stored.update(status=record.Status.DONE, result=result, network_svg=svg, done=result["documents"],
                  finished_at=timezone.now(), seconds=round(seconds, 2),
                  peak_memory_mb=round(peak, 1) if peak is not None else None)
    return seconds, peak


def answers_with_word(result, word):
    """The ids (at most ``ids_per_word``) of the answers that use ``word``, and how many use it."""
    for entry in result.get("words", []):
        if entry["word"] == word:
            return entry["ids"], entry["documents"]
    return [], 0


# --- The co-occurrence network as a picture -----------------------------------------------------

#: Colours of the groups of words (the design system's accessible palette, 3:1 on white).
GRAVITY = 0.6

PALETTE = ["#0031d8", "#d81c3f", "#197a4b", "#8843e1", "#b78f00", "#00819a", "#c16800", "#6e6e6e"]


def _layout(nodes, edges, width, height, seed=17):
    """A deterministic force-directed layout (Fruchterman–Reingold), so the same analysis always
    draws the same picture."""
    rng = random.Random(seed)
    pos = {n: [rng.uniform(0.1, 0.9) * width, rng.uniform(0.1, 0.9) * height] for n in nodes}
    if len(nodes) < 2:
        return {n: (width / 2, height / 2) for n in nodes}
    k = math.sqrt(width * height / len(nodes)) * 0.8
    temperature = width / 8
    for _round in range(120):
        shift = {n: [0.0, 0.0] for n in nodes}
        for a, b in itertools.combinations(nodes, 2):
            dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
            distance = math.hypot(dx, dy) or 0.01
            force = k * k / distance
            shift[a][0] += dx / distance * force
            shift[a][1] += dy / distance * force
            shift[b][0] -= dx / distance * force
            shift[b][1] -= dy / distance * force
        for edge in edges:
            a, b = edge["source"], edge["target"]
            dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
            distance = math.hypot(dx, dy) or 0.01
            force = distance * distance / k * (0.5 + edge["jaccard"])
            shift[a][0] -= dx / distance * force
            shift[a][1] -= dy / distance * force
            shift[b][0] += dx / distance * force
            shift[b][1] += dy / distance * force
        for n in nodes:
            # A gentle pull to the centre keeps separate groups on the canvas.
            shift[n][0] += (width / 2 - pos[n][0]) * GRAVITY
            shift[n][1] += (height / 2 - pos[n][1]) * GRAVITY
            length = math.hypot(*shift[n]) or 0.01
            step = min(length, temperature)
            pos[n][0] += shift[n][0] / length * step
            pos[n][1] += shift[n][1] / length * step
        temperature *= 0.96
    # Fit the drawing to the canvas (rather than pinning nodes to its edges while it settles).
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    span_x, span_y = (max(xs) - min(xs)) or 1, (max(ys) - min(ys)) or 1
    margin_x, margin_y = 48, 28
    return {n: (margin_x + (p[0] - min(xs)) / span_x * (width - 2 * margin_x),
                margin_y + (p[1] - min(ys)) / span_y * (height - 2 * margin_y)) for n, p in pos.items()}


def communities(nodes, edges):
    """Groups of words that go together (label propagation, deterministic): word -> group."""
    label = {n: i for i, n in enumerate(sorted(nodes))}
    neighbours = defaultdict(list)
    for edge in edges:
        neighbours[edge["source"]].append((edge["target"], edge["jaccard"]))
        neighbours[edge["target"]].append((edge["source"], edge["jaccard"]))
    for _round in range(20):
        changed = False
        for n in sorted(nodes):
            if not neighbours[n]:
                continue
            weight = Counter()
            for other, w in neighbours[n]:
                weight[label[other]] += w
            best = max(weight.items(), key=lambda item: (item[1], -item[0]))[0]
            if best != label[n]:
                label[n], changed = best, True
        if not changed:
            break
    order = {group: i for i, group in enumerate(sorted(set(label.values()), key=lambda g: min(
        n for n in nodes if label[n] == g)))}
    return {n: order[label[n]] for n in nodes}


def network_svg(result, *, width=640, height=440, title="共起ネットワーク"):
    """The co-occurrence network as an SVG picture: a circle per word (its area grows with the
    number of answers using it), a line per pair (thicker when the words go together more often),
    colours for groups. The picture carries a text alternative (``<title>``, ``<desc>``); the
    table of the same edges next to it is the primary data."""
    edges = result.get("edges", [])
    frequency = {w["word"]: w["documents"] for w in result.get("words", [])}
    nodes = sorted({e["source"] for e in edges} | {e["target"] for e in edges})
    if not nodes:
        return ""
    pos = _layout(nodes, edges, width, height)
    group = communities(nodes, edges)
    biggest = max(frequency.get(n, 1) for n in nodes) or 1
    strongest = ", ".join(f"{e['source']}と{e['target']}" for e in edges[:5])
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="network-title network-desc" class="surveys-network">',
        f'<title id="network-title">{html.escape(title)}</title>',
        f'<desc id="network-desc">{len(nodes)}語の共起関係。結びつきが強い組み合わせ: '
        f'{html.escape(strongest)}。詳しくは次の表をご覧ください。</desc>',
    ]
    for e in edges:
        (x1, y1), (x2, y2) = pos[e["source"]], pos[e["target"]]
        parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#767676" '
                     f'stroke-width="{0.8 + 5 * e["jaccard"]:.1f}" stroke-opacity="0.7"/>')
    for n in nodes:
        x, y = pos[n]
        radius = 6 + 16 * math.sqrt(frequency.get(n, 1) / biggest)
        colour = PALETTE[group[n] % len(PALETTE)]
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" fill="{colour}" fill-opacity="0.25" '
                     f'stroke="{colour}" stroke-width="1.5"/>')
        parts.append(f'<text x="{x:.1f}" y="{y + 4:.1f}" text-anchor="middle" font-size="13" '
                     f'fill="#1a1a1a">{html.escape(n)}</text>')
    parts.append("</svg>")
    return "".join(parts)
