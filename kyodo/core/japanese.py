"""Japanese conventions: 年度 (fiscal year), 和暦 (era years), yen, 全国地方公共団体コード.

The one place that knows these rules; templates reach it through the ``japanese`` template
tags. Dates are stored in the Western calendar and only *displayed* in 和暦 (DOMAIN-NOTES §8).

- 年度 runs from 1 April to 31 March (地方自治法 第208条): 2004-03-31 is in 平成15年度.
- Eras: 昭和 from 1926-12-25, 平成 from 1989-01-08, 令和 from 2019-05-01; year 1 is 「元年」.
  A fiscal year is named by the era of its first day, so FY2019 is 「平成31年度」 by default and
  「令和元年度」 when asked (both appear in municipal documents).
"""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Era:
    name: str
    name_en: str
    letter: str
    start: datetime.date

    def year_of(self, western_year):
        return western_year - self.start.year + 1


# Newest first, so the first era that started on or before a date is its era.
ERAS = (
    Era("令和", "Reiwa", "R", datetime.date(2019, 5, 1)),
    Era("平成", "Heisei", "H", datetime.date(1989, 1, 8)),
    Era("昭和", "Showa", "S", datetime.date(1926, 12, 25)),
    Era("大正", "Taisho", "T", datetime.date(1912, 7, 30)),
    Era("明治", "Meiji", "M", datetime.date(1868, 1, 25)),
)


def era_of(day):
    """The era in force on ``day``."""
    if isinstance(day, datetime.datetime):
        day = day.date()
    for era in ERAS:
        if day >= era.start:
            return era
    raise ValueError(f"{day} is before the Meiji era")


def _era_of_year_end(year):
    """The era in force on 31 December of ``year``, or None outside 明治–9998 (display falls back
    to the Western year: a stored value must never take a page down)."""
    if not isinstance(year, int) or not ERAS[-1].start.year <= year <= 9998:
        return None
    return era_of(datetime.date(year, 12, 31))


def _era_year_text(era, year):
    return f"{era.name}{'元' if year == 1 else year}年"


def fiscal_year(day):
    """The 年度 a date belongs to, as the Western year in which it starts (2004-03-31 → 2003)."""
    if isinstance(day, datetime.datetime):
        day = day.date()
    return day.year if day.month >= 4 else day.year - 1


def fiscal_year_range(year):
    """First and last day of 年度 ``year``."""
    return datetime.date(year, 4, 1), datetime.date(year + 1, 3, 31)


def wareki_year(year, *, western=False):
    """平成15年 for 2003; the era is the one in force on 31 December of that year."""
    era = _era_of_year_end(year)
    if era is None:
        return f"{year}年"
    text = _era_year_text(era, era.year_of(year))
    return f"{text}（{year}年）" if western else text


def wareki_fiscal_year(year, *, western=False, new_era=False):
    """令和8年度 for 2026. ``new_era`` names FY2019 「令和元年度」 instead of 「平成31年度」."""
    if _era_of_year_end(year) is None:
        return f"{year}年度"
    start = datetime.date(year, 4, 1)
    era = era_of(datetime.date(year, 12, 31)) if new_era else era_of(start)
    text = _era_year_text(era, era.year_of(year)) + "度"
    return f"{text}（{year}年度）" if western else text


def wareki_date(day, *, western=False, precision="day"):
    """平成15年11月1日, or 平成15年11月 with ``precision='month'``, or 平成15年."""
    if isinstance(day, datetime.datetime):
        day = day.date()
    if day < ERAS[-1].start:
        text = f"{day.year}年"
    else:
        era = era_of(day)
        text = _era_year_text(era, era.year_of(day.year))
    if precision in ("month", "day"):
        text += f"{day.month}月"
    if precision == "day":
        text += f"{day.day}日"
    if western and day >= ERAS[-1].start:
        text += f"（{day.year}年）"
    return text


def format_yen(amount):
    """1,234円 — a whole-yen amount with thousands separators."""
    if amount is None or amount == "":
        return ""
    try:
        value = Decimal(amount).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    except (ArithmeticError, ValueError, TypeError):
        return str(amount)
    return f"{value:,}円"


def format_man_yen(amount):
    """566万円 for 5,660,000; 1億2,345万円 for 123,450,000; amounts under 1万 stay in 円.

    Budgets in reports are rounded to the nearest 万円 (half up), as municipal tables do.
    """
    if amount is None or amount == "":
        return ""
    try:
        value = Decimal(amount)
    except (ArithmeticError, ValueError, TypeError):
        return str(amount)
    if not value.is_finite():
        return str(amount)
    sign = "-" if value < 0 else ""
    value = abs(value)
    if value < 10_000:
        return sign + format_yen(value)
    try:
        man = int((value / 10_000).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    except ArithmeticError:  # more digits than the context holds: no stored amount is
        return str(amount)
    oku, man = divmod(man, 10_000)
    if oku:
        return f"{sign}{oku:,}億{man:,}万円" if man else f"{sign}{oku:,}億円"
    return f"{sign}{man:,}万円"


LOCAL_GOVERNMENT_CODE_WEIGHTS = (6, 5, 4, 3, 2)


def local_government_code_check_digit(body):
    """The 検査数字 of a 5-digit 団体コード body (JIS X 0402): (11 − Σ wᵢdᵢ mod 11) mod 10."""
    remainder = sum(w * int(d) for w, d in zip(LOCAL_GOVERNMENT_CODE_WEIGHTS, body)) % 11
    return (11 - remainder) % 10


def validate_local_government_code(value):
    """Six digits whose last is the check digit of the first five (札幌市 011002)."""
    if not (isinstance(value, str) and len(value) == 6 and value.isascii() and value.isdigit()):
        raise ValidationError(
            _("全国地方公共団体コードは半角数字6桁で入力してください(例: 011002)。"),
            code="format",
        )
    if int(value[5]) != local_government_code_check_digit(value[:5]):
        raise ValidationError(
            _("全国地方公共団体コードの検査数字(6桁目)が正しくありません。コードを確認してください。"),
            code="check_digit",
        )
