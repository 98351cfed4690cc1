"""Typed inputs: what people type (full-width, 和暦, separators) becomes a bounded value, and
everything else is a Japanese message — never an exception that reaches the visitor."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from kyodo.core import inputs
from kyodo.core.converters import FiscalYearConverter, IdConverter


def refused(field, value):
    with pytest.raises(ValidationError) as error:
        field.clean(value)
    return " ".join(error.value.messages)


@pytest.mark.parametrize("typed, year", [
    ("2026", 2026), ("２０２６", 2026), ("2026年度", 2026), ("令和8年度", 2026), ("R8", 2026),
    ("r8", 2026), ("令和元年度", 2019), ("平成31", 2019), ("平成元年", 1989), ("H13", 2001),
    ("昭和64", 1989), (" 2003 ", 2003), (2010, 2010),
])
def test_fiscal_years_as_people_type_them(typed, year):
    assert inputs.FiscalYearField().clean(typed) == year


@pytest.mark.parametrize("typed", ["0", "1200", "10000", "99999999999999999999999", "-2026", "2101"])
def test_years_out_of_range_are_refused_in_japanese(typed):
    message = refused(inputs.FiscalYearField(), typed)
    assert "1900年から2100年" in message or "西暦4桁" in message


@pytest.mark.parametrize("typed", ["abc", "令和", "🎌", "1e4", "2026.5", "\x00"])
def test_years_that_are_not_years(typed):
    assert "西暦4桁" in refused(inputs.FiscalYearField(), typed) or "null" in refused(
        inputs.FiscalYearField(), typed).lower()


def test_an_empty_optional_year_is_none():
    assert inputs.FiscalYearField(required=False).clean("") is None
    assert inputs.FiscalYearField(required=False).clean("　") is None


@pytest.mark.parametrize("typed, month", [
    ("2026-12", (2026, 12)), ("2026/4", (2026, 4)), ("令和8年12月", (2026, 12)), ("２０２６－０３", (2026, 3)),
])
def test_months(typed, month):
    assert inputs.YearMonthField().clean(typed) == month


@pytest.mark.parametrize("typed", ["99999-1", "2026-13", "2026-0", "december", "2026"])
def test_months_refused(typed):
    assert refused(inputs.YearMonthField(), typed)


@pytest.mark.parametrize("typed, day", [
    ("2026-12-01", datetime.date(2026, 12, 1)), ("2026/12/1", datetime.date(2026, 12, 1)),
    ("２０２６－１２－０１", datetime.date(2026, 12, 1)), ("令和8年12月1日", datetime.date(2026, 12, 1)),
    ("R8.12.1", datetime.date(2026, 12, 1)), ("2026年12月1日", datetime.date(2026, 12, 1)),
])
def test_dates_in_western_and_japanese_calendars(typed, day):
    assert inputs.DateField().clean(typed) == day


@pytest.mark.parametrize("typed", ["9999-12-31", "0001-01-01", "2026-02-30", "令和99年1月1日x", "99999-01-01"])
def test_odd_dates_are_refused(typed):
    assert refused(inputs.DateField(), typed)


def test_datetimes_keep_their_year_in_range():
    assert inputs.DateTimeField().clean("2026-12-01T14:00").hour == 14
    assert "2100" in refused(inputs.DateTimeField(), "9999-12-31T23:59")


@pytest.mark.parametrize("typed, amount", [
    ("1200000", 1200000), ("１，２００，０００円", 1200000), ("1,200,000 円", 1200000), ("0", 0),
])
def test_amounts_of_money(typed, amount):
    assert inputs.AmountField().clean(typed) == amount


@pytest.mark.parametrize("typed", ["1" * 25, "-1", "1e400", "NaN", "1" * 5000])
def test_amounts_out_of_range(typed):
    assert refused(inputs.AmountField(), typed)


def test_decimals_refuse_infinity_and_fold_full_width():
    assert inputs.DecimalField().clean("１２．５") == Decimal("12.5")
    for typed in ("Infinity", "NaN", "-Infinity", "1" * 60):
        assert refused(inputs.DecimalField(), typed)
    assert refused(inputs.PercentField(), "100.5")


def test_counts_are_bounded():
    assert inputs.CountField().clean("３０人") == 30
    assert refused(inputs.CountField(), str(inputs.MAX_COUNT + 1))


@pytest.mark.parametrize("typed, stored", [
    ("011-211-2111", "011-211-2111"), ("０１１－２１１－２１１１", "011-211-2111"),
    ("011 211 2111", "011-211-2111"), ("090-1234-5678", "090-1234-5678"), ("0112112111", "0112112111"),
    ("+81-11-211-2111", "011-211-2111"),
])
def test_phone_numbers_are_folded_and_stored_normalised(typed, stored):
    assert inputs.PhoneField().clean(typed) == stored


@pytest.mark.parametrize("typed", ["12345", "abc-defg-hijk", "011-211-2111-9999", "1" * 25])
def test_phone_numbers_refused(typed):
    assert "電話番号" in refused(inputs.PhoneField(), typed)


@pytest.mark.parametrize("typed", ["060-8611", "〒０６０－８６１１", "0608611"])
def test_postal_codes(typed):
    assert inputs.PostalCodeField().clean(typed) == "060-8611"


def test_free_text_refuses_nul_and_endless_text():
    assert refused(inputs.TextField(), "abc\x00def")
    assert refused(inputs.TextField(), "あ" * (inputs.MAX_TEXT + 1))
    assert inputs.TextField().clean("  ご意見  ") == "ご意見"


def test_query_values_are_parsed_or_refused_with_a_400():
    params = RequestFactory().get("/", {"fiscal_year": "令和8", "bad": "0"}).GET
    assert inputs.query_value(params, "fiscal_year", inputs.FiscalYearField()) == 2026
    assert inputs.query_value(params, "absent", inputs.FiscalYearField(), default=2025) == 2025
    with pytest.raises(inputs.BadInput) as error:
        inputs.query_value(params, "bad", inputs.FiscalYearField())
    assert "1900年から2100年" in error.value.message


def test_page_numbers():
    assert inputs.page_number(RequestFactory().get("/").GET) == 1
    with pytest.raises(inputs.BadInput):
        inputs.page_number(RequestFactory().get("/", {"page": "1608822505826999040"}).GET)


def test_import_cells_name_their_column():
    with pytest.raises(ValidationError) as error:
        inputs.clean_cell(inputs.FiscalYearField(), "1200", "年度")
    assert error.value.messages[0].startswith("「年度」: ")
    assert inputs.clean_cell(inputs.AmountField(), 5660000, "予算額") == 5660000


def test_model_forms_get_bounded_typed_fields():
    from django.db import models

    class Budget(models.Model):
        amount = models.BigIntegerField()
        members = models.PositiveIntegerField()
        held_on = models.DateField()
        note = models.TextField()

        class Meta:
            app_label = "core"
            managed = False

    class BudgetForm(inputs.ModelForm):
        class Meta:
            model = Budget
            fields = ["amount", "members", "held_on", "note"]

    form = BudgetForm({"amount": "1" * 25, "members": "-1", "held_on": "9999-01-01", "note": "x\x00"})
    assert not form.is_valid()
    assert set(form.errors) == {"amount", "members", "held_on", "note"}
    form = BudgetForm({"amount": "５，６６０，０００", "members": "１５", "held_on": "令和8年4月1日", "note": "ok"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount"] == 5660000 and form.cleaned_data["members"] == 15


def test_path_converters_turn_impossible_ids_and_years_into_404s():
    assert IdConverter().to_python("42") == 42
    for value in ("0", str(2**63)):
        with pytest.raises(ValueError):
            IdConverter().to_python(value)
    assert FiscalYearConverter().to_python("2026") == 2026
    with pytest.raises(ValueError):
        FiscalYearConverter().to_python("1200")


@pytest.mark.parametrize("posted", ["9" * 25, str(2**63), "-1", "abc", "１２\x00"])
def test_posted_ids_that_no_row_can_have_are_refused_before_the_database(db, sapporo, posted):
    from django import forms

    from kyodo.core.models import Department

    class PickForm(forms.Form):
        one = inputs.ModelChoiceField(queryset=Department.objects.all())
        many = inputs.ModelMultipleChoiceField(queryset=Department.objects.all())

    form = PickForm({"one": posted, "many": [posted]})
    assert not form.is_valid()
    assert set(form.errors) == {"one", "many"}


def test_model_forms_check_posted_ids_and_keep_narrow_integer_bounds(db):
    from django.db import models

    from kyodo.core.models import Department

    class Row(models.Model):
        department = models.ForeignKey(Department, on_delete=models.CASCADE)
        order = models.SmallIntegerField()

        class Meta:
            app_label = "core"
            managed = False

    class RowForm(inputs.ModelForm):
        class Meta:
            model = Row
            fields = ["department", "order"]

    form = RowForm({"department": "9" * 25, "order": "99999"})
    assert not form.is_valid()
    assert set(form.errors) == {"department", "order"}  # on SQLite too, not only PostgreSQL
