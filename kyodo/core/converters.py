"""Path converters every module's URLs use instead of ``int``.

``<int:…>`` matches any run of digits, so ``/reports/99999999999999999999/`` reached the
database and failed there (a 500). ``id`` matches a row id that a bigint can hold and ``fy`` a
年度 within the platform's range (``inputs.MIN_YEAR``–``MAX_YEAR``); anything else is a 404.
"""

from django.urls import register_converter

from .inputs import MAX_ID, MAX_YEAR, MIN_YEAR


class IdConverter:
    regex = "[0-9]{1,19}"

    def to_python(self, value):
        number = int(value)
        if not 1 <= number <= MAX_ID:
            raise ValueError(value)  # the pattern does not match: 404
        return number

    def to_url(self, value):
        return str(int(value))


class FiscalYearConverter:
    regex = "[0-9]{4}"

    def to_python(self, value):
        year = int(value)
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise ValueError(value)
        return year

    def to_url(self, value):
        return str(int(value))


class TokenConverter:
    """A secret token in a link (``secrets.token_urlsafe``): anything else is a 404 before any
    query (PostgreSQL refuses a NUL byte in a text parameter)."""

    regex = "[A-Za-z0-9_-]{1,100}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return str(value)


def register():
    register_converter(IdConverter, "id")
    register_converter(FiscalYearConverter, "fy")
    register_converter(TokenConverter, "token")
