"""年度, 和暦, yen and 団体コード — the rules every screen's dates and amounts rely on."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.utils import translation

from kyodo.core import japanese
from kyodo.core.demo import world


@pytest.mark.parametrize("day, year", [
    (datetime.date(2003, 4, 1), 2003),
    (datetime.date(2004, 3, 31), 2003),
    (datetime.date(2004, 4, 1), 2004),
    (datetime.date(2026, 11, 22), 2026),
    (datetime.date(2027, 1, 5), 2026),
    (datetime.datetime(2020, 3, 31, 23, 59), 2019),
])
def test_fiscal_year_runs_april_to_march(day, year):
    assert japanese.fiscal_year(day) == year


def test_fiscal_year_range():
    assert japanese.fiscal_year_range(2004) == (datetime.date(2004, 4, 1), datetime.date(2005, 3, 31))


@pytest.mark.parametrize("day, text", [
    (datetime.date(2003, 11, 1), "平成15年11月1日"),
    (datetime.date(1989, 1, 7), "昭和64年1月7日"),
    (datetime.date(1989, 1, 8), "平成元年1月8日"),
    (datetime.date(2019, 4, 30), "平成31年4月30日"),
    (datetime.date(2019, 5, 1), "令和元年5月1日"),
    (datetime.date(2026, 11, 22), "令和8年11月22日"),
])
def test_wareki_date_switches_era_on_its_first_day(day, text):
    assert japanese.wareki_date(day) == text


def test_wareki_date_precision_and_western_year():
    day = datetime.date(2003, 11, 1)
    assert japanese.wareki_date(day, precision="month") == "平成15年11月"
    assert japanese.wareki_date(day, precision="year") == "平成15年"
    assert japanese.wareki_date(day, western=True) == "平成15年11月1日（2003年）"


@pytest.mark.parametrize("year, text", [
    (2003, "平成15年度"),
    (2004, "平成16年度"),
    (2018, "平成30年度"),
    (2019, "平成31年度"),
    (2020, "令和2年度"),
    (2026, "令和8年度"),
])
def test_wareki_fiscal_year_named_by_its_first_day(year, text):
    assert japanese.wareki_fiscal_year(year) == text


def test_fiscal_2019_may_be_called_reiwa_gannen():
    assert japanese.wareki_fiscal_year(2019, new_era=True) == "令和元年度"
    assert japanese.wareki_fiscal_year(2026, western=True) == "令和8年度（2026年度）"


def test_wareki_year():
    assert japanese.wareki_year(2019) == "令和元年"
    assert japanese.wareki_year(2003, western=True) == "平成15年（2003年）"


@pytest.mark.parametrize("amount, text", [
    (0, "0円"),
    (1234, "1,234円"),
    (1234.5, "1,235円"),
    (5_660_000, "5,660,000円"),
])
def test_yen(amount, text):
    assert japanese.format_yen(amount) == text


@pytest.mark.parametrize("amount, text", [
    (5_660_000, "566万円"),
    (5_655_000, "566万円"),
    (5_654_999, "565万円"),
    (9_999, "9,999円"),
    (10_000, "1万円"),
    (123_450_000, "1億2,345万円"),
    (300_000_000, "3億円"),
    (-2_000_000, "-200万円"),
])
def test_man_yen_rounds_to_the_nearest_man(amount, text):
    assert japanese.format_man_yen(amount) == text


@pytest.mark.parametrize("code", [row["local_government_code"] for row in world.organisation_rows()])
def test_real_organisation_codes_pass_the_check_digit(code):
    japanese.validate_local_government_code(code)


@pytest.mark.parametrize("code, error", [
    ("011003", "check_digit"),
    ("010007", "check_digit"),
    ("01100", "format"),
    ("0110022", "format"),
    ("01a002", "format"),
    ("０１１００２", "format"),
    ("", "format"),
])
def test_bad_organisation_codes_are_refused_with_a_reason(code, error):
    with pytest.raises(ValidationError) as excinfo:
        japanese.validate_local_government_code(code)
    assert excinfo.value.code == error
    assert "全国地方公共団体コード" in excinfo.value.messages[0]


def test_check_digit_rule_for_remainders_zero_and_one():
    # r = 0 gives 1 and r = 1 gives 0 (shared/data/README.md)
    bodies = {body: sum(w * int(d) for w, d in zip((6, 5, 4, 3, 2), body)) % 11
              for body in (f"{n:05d}" for n in range(1000, 1300))}
    zero = next(b for b, r in bodies.items() if r == 0)
    one = next(b for b, r in bodies.items() if r == 1)
    assert japanese.local_government_code_check_digit(zero) == 1
    assert japanese.local_government_code_check_digit(one) == 0


def render(source, **context):
    return Template(source).render(Context(context))


def test_template_filters_in_japanese():
    day = datetime.date(2003, 11, 1)
    with translation.override("ja"):
        assert render("{{ d|wareki }}", d=day) == "平成15年11月1日"
        assert render('{{ d|wareki:"month" }}', d=day) == "平成15年11月"
        assert render('{{ d|wareki:"western" }}', d=day) == "平成15年11月1日（2003年）"
        assert render("{{ y|nendo }}", y=2026) == "令和8年度"
        assert render('{{ d|nendo:"western" }}', d=day) == "平成15年度（2003年度）"
        assert render("{{ a|yen }}", a=1234) == "1,234円"
        assert render("{{ a|manyen }}", a=5_660_000) == "566万円"
        assert render("[{{ a|yen }}{{ a|manyen }}{{ a|wareki }}{{ a|nendo }}]", a=None) == "[]"


def test_template_filters_in_english_lead_with_the_western_calendar():
    with translation.override("en"):
        assert render("{{ d|wareki }}", d=datetime.date(2003, 11, 1)) == "1 November 2003 (Heisei 15)"
        assert render("{{ y|nendo }}", y=2026) == "FY2026"


def test_aware_datetimes_are_shown_in_japan_time():
    # 2019-04-30 15:30 UTC is already 1 May 00:30 in Japan: the first day of 令和.
    moment = datetime.datetime(2019, 4, 30, 15, 30, tzinfo=datetime.UTC)
    with translation.override("ja"):
        assert render("{{ m|wareki }}", m=moment) == "令和元年5月1日"
