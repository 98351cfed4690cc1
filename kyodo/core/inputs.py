"""Typed inputs — the one place where what people type becomes a value (STYLE §12).

Every form field, query parameter, import cell and API argument of every module is parsed by
the types here, so that a value out of range is a Japanese message (next to the field, as a
400/404 page, as an import row error or as an API 422) and never a server error:

- text is folded with NFKC where it is a number, a year, a code, a phone number or a postal
  code (full-width digits, 「，」, 「－」, 「〒」 and spaces are what people type on phones);
- years and 年度 lie in ``MIN_YEAR``–``MAX_YEAR`` and accept 和暦 (「令和8」「R8年度」「平成31」);
- dates and date-times have their year in the same range (no year 9999, nothing before 1900);
- money, counts and percentages have bounds that the database and the display can hold;
- free text has a length limit and no NUL byte (PostgreSQL refuses NUL in text).

Forms use the fields directly or inherit :class:`ModelForm`, whose ``formfield_callback`` gives
every model field its typed form field. Views read query parameters with :func:`query_value`;
importers read cells with :func:`clean_cell`; path segments go through the ``id`` and ``fy``
converters (``converters.py``).
"""

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import BadRequest, ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

#: Years (暦年 and 年度) the platform accepts: the records of the seeds start in 平成 and
#: plans run a few decades ahead; anything else is a typing mistake.
MIN_YEAR = 1900
MAX_YEAR = 2100
#: Yen amounts: up to 1兆円 − 1 — every municipal budget, and within BIGINT and Decimal(15).
MAX_AMOUNT = 999_999_999_999
#: Counts of people, events, copies…
MAX_COUNT = 9_999_999
#: Row ids in URLs and forms: PostgreSQL's bigint holds 19 digits.
MAX_ID = 2**63 - 1
#: Page numbers of lists.
MAX_PAGE = 100_000
#: Free text without a limit of its own (TextField): about 10 pages of A4.
MAX_TEXT = 20_000

DASHES = "‐‑‒–—―−ｰ－ー"
_DASH_TABLE = str.maketrans({c: "-" for c in DASHES})


class BadInput(BadRequest):
    """A query parameter that cannot be read; the 400 page shows ``message`` in Japanese."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


# --- Folding -------------------------------------------------------------------------------------

def fold(value):
    """NFKC-folded, stripped text: 「２０２６」→「2026」, 「ｶﾅ」→「カナ」; None stays ''."""
    if value is None:
        return ""
    return unicodedata.normalize("NFKC", str(value)).strip()


def fold_number(value):
    """Text of a number as people type it: full-width, thousands separators, 円/人/件/% units."""
    text = fold(value).translate(_DASH_TABLE).replace(",", "").replace(" ", "")
    return re.sub(r"(円|人|件|回|名|%|％)$", "", text)


def has_nul(value):
    return isinstance(value, str) and "\x00" in value


# --- Years -----------------------------------------------------------------------------------------

_ERAS = {"令和": 2018, "R": 2018, "平成": 1988, "H": 1988, "昭和": 1925, "S": 1925}
_ERA_YEAR = re.compile(r"^(令和|平成|昭和|[RHS])\s*(元|\d{1,2})\s*(?:年度?)?$", re.IGNORECASE)
_WESTERN_YEAR = re.compile(r"^(\d{1,6})\s*(?:年度?)?$")


def parse_year(value):
    """The Western year of 「2026」「2026年度」「令和8」「R8年度」「平成元年」; ValidationError otherwise."""
    text = fold(value)
    if isinstance(value, int) and not isinstance(value, bool):
        year = value
    elif match := _WESTERN_YEAR.match(text):
        year = int(match.group(1))
    elif match := _ERA_YEAR.match(text):
        era = match.group(1).upper() if len(match.group(1)) == 1 else match.group(1)
        year = _ERAS[era] + (1 if match.group(2) == "元" else int(match.group(2)))
    else:
        raise ValidationError(
            _("年は西暦4桁(例: 2026)か和暦(例: 令和8)で入力してください。"), code="invalid"
        )
    check_year(year)
    return year


def check_year(year):
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError(
            _("年は%(min)s年から%(max)s年の間で入力してください。"),
            code="year_range", params={"min": MIN_YEAR, "max": MAX_YEAR},
        )


year_validators = [
    MinValueValidator(MIN_YEAR, _("年は%(limit_value)s年以降で入力してください。")),
    MaxValueValidator(MAX_YEAR, _("年は%(limit_value)s年以前で入力してください。")),
]


class YearField(forms.IntegerField):
    """A year (西暦 or 和暦) within MIN_YEAR–MAX_YEAR."""

    default_error_messages = {"invalid": _("年は西暦4桁(例: 2026)か和暦(例: 令和8)で入力してください。")}

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", MIN_YEAR)
        kwargs.setdefault("max_value", MAX_YEAR)
        kwargs.setdefault("widget", forms.NumberInput(attrs={"inputmode": "numeric"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values or fold(value) == "":
            return None
        return parse_year(value)


class FiscalYearField(YearField):
    """年度 (the Western year in which it starts): 「2026」「令和8年度」「R8」."""

    default_error_messages = {"invalid": _("年度は西暦4桁(例: 2026)か和暦(例: 令和8年度)で入力してください。")}

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("年度"))
        super().__init__(**kwargs)


class YearMonthField(forms.CharField):
    """A month as 「2026-12」「2026/12」「令和8年12月」; cleans to ``(year, month)``."""

    _PATTERN = re.compile(r"^(.+?)[-/年.]\s*(\d{1,2})\s*月?$")

    def to_python(self, value):
        text = fold(value)
        if not text:
            return None
        match = self._PATTERN.match(text)
        if not match:
            raise ValidationError(_("年月は「2026-12」の形で入力してください。"), code="invalid")
        year = parse_year(match.group(1))
        month = int(match.group(2))
        if not 1 <= month <= 12:
            raise ValidationError(_("月は1から12の間で入力してください。"), code="month_range")
        return year, month

    def prepare_value(self, value):
        if isinstance(value, tuple):
            return f"{value[0]}-{value[1]:02d}"
        return value


# --- Dates and times -------------------------------------------------------------------------------

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y%m%d"]
_ERA_DATE = re.compile(r"^(令和|平成|昭和|[RHS])\s*(元|\d{1,2})\s*[年.\-/]\s*(\d{1,2})\s*[月.\-/]\s*(\d{1,2})\s*日?$",
                       re.IGNORECASE)


def _era_date_to_western(text):
    match = _ERA_DATE.match(text)
    if not match:
        return text
    year = parse_year(f"{match.group(1)}{match.group(2)}")
    return f"{year}-{match.group(3)}-{match.group(4)}"


def check_date_in_range(day):
    if day is not None and not MIN_YEAR <= day.year <= MAX_YEAR:
        raise ValidationError(
            _("日付は%(min)s年から%(max)s年の間で入力してください。"),
            code="date_range", params={"min": MIN_YEAR, "max": MAX_YEAR},
        )
    return day


class DateField(forms.DateField):
    """A date typed in 西暦 or 和暦, full-width or not, within MIN_YEAR–MAX_YEAR."""

    default_error_messages = {"invalid": _("日付は「2026-12-01」の形で入力してください。")}

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", DATE_INPUT_FORMATS)
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = _era_date_to_western(fold(value))
        try:
            return check_date_in_range(super().to_python(value))
        except OverflowError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


class DateTimeField(forms.DateTimeField):
    """A date and time (「2026-12-01T14:00」 from the browser's picker), year within range."""

    default_error_messages = {"invalid": _("日時は「2026-12-01 14:00」の形で入力してください。")}

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget", forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = fold(value)
        try:
            result = super().to_python(value)
        except OverflowError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        check_date_in_range(result)
        return result


class TimeField(forms.TimeField):
    default_error_messages = {"invalid": _("時刻は「14:00」の形で入力してください。")}

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
        super().__init__(**kwargs)

    def to_python(self, value):
        return super().to_python(fold(value) if isinstance(value, str) else value)


# --- Numbers -----------------------------------------------------------------------------------------

class _FoldedIntegerField(forms.IntegerField):
    default_error_messages = {"invalid": _("半角または全角の数字で入力してください。")}

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = fold_number(value)
            if len(value) > 30:  # int() of a million digits is slow; no bound is that long
                raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class AmountField(_FoldedIntegerField):
    """An amount in whole yen: 「１２，３４５円」→ 12345, 0–MAX_AMOUNT unless told otherwise."""

    default_error_messages = {"invalid": _("金額は円単位の数字で入力してください(例: 1200000)。")}

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", MAX_AMOUNT)
        super().__init__(**kwargs)


class CountField(_FoldedIntegerField):
    """A count (人, 件, 回): 0–MAX_COUNT unless told otherwise."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", MAX_COUNT)
        super().__init__(**kwargs)


class IntegerField(_FoldedIntegerField):
    """Any other whole number; bounds default to what a 32-bit column holds."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", -(2**31))
        kwargs.setdefault("max_value", 2**31 - 1)
        super().__init__(**kwargs)


class DecimalField(forms.DecimalField):
    """A decimal number typed with full-width digits or separators; bounded by its digits."""

    default_error_messages = {"invalid": _("数値で入力してください(例: 12.5)。")}

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = fold_number(value)
            if len(value) > 40:
                raise ValidationError(self.error_messages["invalid"], code="invalid")
        value = super().to_python(value)
        if value is not None and not value.is_finite():
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return value


class PercentField(DecimalField):
    """A percentage, 0–100 unless told otherwise."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", Decimal(0))
        kwargs.setdefault("max_value", Decimal(100))
        kwargs.setdefault("max_digits", 6)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(**kwargs)


def parse_decimal(value):
    """A Decimal from what people type (None for empty); ValidationError for anything else."""
    text = fold_number(value)
    if text == "":
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValidationError(_("数値で入力してください(例: 12.5)。"), code="invalid") from None
    if not number.is_finite() or len(text) > 40:
        raise ValidationError(_("数値で入力してください(例: 12.5)。"), code="invalid")
    return number


# --- Codes ------------------------------------------------------------------------------------------

def normalise_phone(value):
    """「０１１－２１１－２１１１」→「011-211-2111」; ValidationError if it is not a phone number."""
    text = fold(value).translate(_DASH_TABLE)
    text = re.sub(r"[\s()（）]+", "-", text).strip("-")
    text = re.sub(r"-+", "-", text)
    digits = text.replace("-", "")
    if text.startswith("+81"):
        digits = "0" + digits[3:]
        text = "0" + text[3:].lstrip("-")
    if not (digits.isascii() and digits.isdigit() and digits.startswith("0")
            and 10 <= len(digits) <= 11 and re.fullmatch(r"[0-9-]+", text)):
        raise ValidationError(
            _("電話番号は市外局番から半角数字で入力してください(例: 011-211-2111)。"), code="phone"
        )
    return text


def normalise_postal_code(value):
    """「〒０６０－８６１１」→「060-8611」."""
    text = fold(value).translate(_DASH_TABLE).lstrip("〒").replace(" ", "").replace("-", "")
    if not (len(text) == 7 and text.isascii() and text.isdigit()):
        raise ValidationError(_("郵便番号は7桁の数字で入力してください(例: 060-8611)。"), code="postal_code")
    return f"{text[:3]}-{text[3:]}"


class PhoneField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return normalise_phone(value) if value else value

    def clean(self, value):
        # Length is checked on what was typed (folded), not the normalised value.
        return super().clean(value[:60] if isinstance(value, str) else value)


class PostalCodeField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 8)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return normalise_postal_code(value) if value else value


def validate_phone(value):
    """Model validator: the stored value must already be a normalised phone number."""
    if value and normalise_phone(value) != value:
        raise ValidationError(_("電話番号は「011-211-2111」の形で入力してください。"), code="phone")


# --- Text ------------------------------------------------------------------------------------------

class TextField(forms.CharField):
    """Free text: stripped, at most ``max_length`` (MAX_TEXT by default), no NUL byte."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", MAX_TEXT)
        super().__init__(**kwargs)


# --- Choices of rows -----------------------------------------------------------------------------

def _is_row_id(value):
    text = fold(value)
    return text.isascii() and text.isdigit() and len(text) <= 19 and 1 <= int(text) <= MAX_ID


class ModelChoiceField(forms.ModelChoiceField):
    """A choice of one row whose posted id is checked before the database sees it (a 25-digit
    id overflowed the query: a 500 on both databases)."""

    def to_python(self, value):
        if value not in self.empty_values and self.to_field_name is None and not _is_row_id(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Several rows, each posted id checked before the database sees it."""

    def _check_values(self, value):
        if self.to_field_name is None:
            for pk in value:
                if not _is_row_id(pk):
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"], code="invalid_pk_value",
                        params={"pk": str(pk)[:30]},
                    )
        return super()._check_values(value)


# --- Model forms ----------------------------------------------------------------------------------

def _integer_bounds(model_field, default_low, default_high):
    """The model field's own bounds within the defaults (a backend's range — SQLite reports 64
    bits for every integer column — never widens them)."""
    low, high = default_low, default_high
    for validator in model_field.validators:
        limit = validator.limit_value() if callable(validator.limit_value) else validator.limit_value
        if isinstance(validator, MinValueValidator):
            low = max(low, limit)
        elif isinstance(validator, MaxValueValidator):
            high = min(high, limit)
    return low, high


def typed_formfield(model_field, **kwargs):
    """The typed form field of a model field (ModelForm's ``formfield_callback``)."""
    if isinstance(model_field, models.ForeignKey):
        kwargs.setdefault("form_class", ModelChoiceField)
        return model_field.formfield(**kwargs)
    if isinstance(model_field, models.ManyToManyField):
        kwargs.setdefault("form_class", ModelMultipleChoiceField)
        return model_field.formfield(**kwargs)
    if isinstance(model_field, models.AutoField) or model_field.choices:
        return model_field.formfield(**kwargs)
    if isinstance(model_field, models.IntegerField):
        if isinstance(model_field, models.BigIntegerField):
            default_low, default_high = -MAX_AMOUNT, MAX_AMOUNT
        else:
            default_low, default_high = -(2**31), 2**31 - 1
        if isinstance(model_field, (models.PositiveIntegerField, models.PositiveSmallIntegerField,
                                    models.PositiveBigIntegerField)):
            default_low = 0
        if isinstance(model_field, (models.SmallIntegerField, models.PositiveSmallIntegerField)):
            default_high = 32767
        low, high = _integer_bounds(model_field, default_low, default_high)
        kwargs.setdefault("min_value", low)
        kwargs.setdefault("max_value", high)
        return model_field.formfield(**{"form_class": IntegerField, **kwargs})
    if isinstance(model_field, models.DecimalField):
        return model_field.formfield(**{"form_class": DecimalField, **kwargs})
    if isinstance(model_field, models.DateTimeField):
        return model_field.formfield(**{"form_class": DateTimeField, **kwargs})
    if isinstance(model_field, models.DateField):
        return model_field.formfield(**{"form_class": DateField, **kwargs})
    if isinstance(model_field, models.TimeField):
        return model_field.formfield(**{"form_class": TimeField, **kwargs})
    if isinstance(model_field, models.TextField):
        field = model_field.formfield(**kwargs)
        if field is not None and isinstance(field, forms.CharField) and field.max_length is None:
            field.max_length = MAX_TEXT
            field.validators.append(MaxLengthValidator(MAX_TEXT))
            field.widget.attrs.setdefault("maxlength", str(MAX_TEXT))
        return field
    return model_field.formfield(**kwargs)


class _TypedModelFormMetaclass(forms.models.ModelFormMetaclass):
    """Gives every subclass's ``Meta`` the typed ``formfield_callback`` (Django reads it from
    ``Meta`` only, and a subclass's own ``Meta`` does not inherit it)."""

    def __new__(mcs, name, bases, attrs):
        meta = attrs.get("Meta")
        if meta is not None and not hasattr(meta, "formfield_callback"):
            meta.formfield_callback = typed_formfield
        return super().__new__(mcs, name, bases, attrs)


class ModelForm(forms.ModelForm, metaclass=_TypedModelFormMetaclass):
    """A ModelForm whose fields are core's typed fields (bounded, folded, Japanese messages)."""


# --- Query parameters, cells, API ---------------------------------------------------------------

def query_value(params, name, field, default=None):
    """``params[name]`` cleaned by the form ``field``; ``default`` when absent or empty.

    A value that the field refuses raises :class:`BadInput` (a 400 page that says why).
    """
    raw = params.get(name)
    if raw in (None, ""):
        return default
    try:
        value = field.clean(raw)
    except ValidationError as error:
        raise BadInput(f"「{name}」: {' '.join(error.messages)}") from None
    return default if value in (None, "") else value


def page_number(params, name="page"):
    """The page number of a list (1 when absent); out of range is a 400, not a 500."""
    return query_value(params, name, IntegerField(min_value=1, max_value=MAX_PAGE), default=1)


def clean_cell(field, value, label):
    """An import cell cleaned by a form ``field``; a ValidationError naming the column."""
    try:
        return field.clean(value if value is not None else "")
    except ValidationError as error:
        raise ValidationError(
            _("「%(label)s」: %(message)s"),
            params={"label": label, "message": " ".join(error.messages)}, code="cell",
        ) from None


def add_errors(form, error):
    """Put an action's ValidationError next to the fields it names (or above the form), so a
    rule the action enforces reads like any other field error."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
