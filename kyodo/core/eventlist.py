"""自治体標準オープンデータセット「イベント一覧」 — the one writer of the layout on the site.

Every module that publishes dated events as open data (events, lectures held…) builds its rows
here, so the whole site writes one layout: the Digital Agency's current version (正式版,
licence PDL1.0; DOMAIN-NOTES §8). Compared with the older 推奨データセット it renames NO → ID,
the code column → 全国地方公共団体コード, 都道府県名/市区町村名 → 地方公共団体名 (+ 所在地_都道府県,
所在地_市区町村), 住所 → 所在地_連結表記 (+ 所在地_町字, 所在地_番地以下), 方書 → 建物名等(方書),
and adds 画像, 画像_ライセンス. The exact current column list is not verified against the Digital
Agency's definition sheet (DOMAIN-NOTES §11); it is kept in ``COLUMNS`` only, and
``LEGACY_NAMES`` maps the older headers onto it so that a file in either layout can be read.

    rows = (eventlist.row(organisation, id=..., イベント名=..., 開始日=...) for ...)
    downloads.response("csv", eventlist.filename(organisation), eventlist.DOWNLOAD_COLUMNS, rows)
"""

from .downloads import Column

LAYOUT = "自治体標準オープンデータセット イベント一覧"

#: The current layout's headers, in their order.
COLUMNS = [
    "全国地方公共団体コード", "ID", "地方公共団体名", "イベント名", "イベント名_カナ", "イベント名_英語",
    "開始日", "終了日", "開始時間", "終了時間", "開始日時特記事項", "説明", "料金(基本)", "料金(詳細)",
    "連絡先名称", "連絡先電話番号", "連絡先内線番号", "主催者", "場所名称", "所在地_連結表記",
    "所在地_都道府県", "所在地_市区町村", "所在地_町字", "所在地_番地以下", "建物名等(方書)", "緯度", "経度",
    "アクセス方法", "駐車場情報", "定員", "参加申込終了日", "参加申込終了時間", "参加申込方法", "URL", "備考",
    "画像", "画像_ライセンス",
]
DOWNLOAD_COLUMNS = [Column(name, name) for name in COLUMNS]

#: Older 推奨データセット header → current header (for reading files in the older layout).
LEGACY_NAMES = {
    "都道府県コード又は市区町村コード": "全国地方公共団体コード", "NO": "ID", "住所": "所在地_連結表記",
    "方書": "建物名等(方書)", "都道府県名": "所在地_都道府県", "市区町村名": "所在地_市区町村",
}


def organisation_names(organisation):
    """(地方公共団体名, its prefecture's name, the municipality's name or '')."""
    if organisation.prefecture_id:
        return organisation.name, organisation.prefecture.name, organisation.name
    return organisation.name, organisation.name, ""


def row(organisation, **values):
    """One row of the layout for an event published by ``organisation``: the organisation's
    columns are filled in; ``values`` gives the others by their header (unknown headers are a
    programming error). Dates are ISO (YYYY-MM-DD), times HH:MM."""
    unknown = set(values) - set(COLUMNS)
    if unknown:
        raise KeyError(f"not in the イベント一覧 layout: {sorted(unknown)}")
    name, prefecture, municipality = organisation_names(organisation)
    result = dict.fromkeys(COLUMNS, "")
    result.update({
        "全国地方公共団体コード": organisation.local_government_code, "地方公共団体名": name,
        "所在地_都道府県": prefecture, "所在地_市区町村": municipality,
    })
    result.update({key: "" if value is None else value for key, value in values.items()})
    return result


def read_header(names):
    """The current header for each name of a file's header row (older names translated)."""
    return [LEGACY_NAMES.get(name.strip(), name.strip()) for name in names]


def filename(organisation, suffix="csv"):
    """The file name the guidelines suggest: <団体コード>_event.<ext>."""
    return f"{organisation.local_government_code}_event.{suffix}"
