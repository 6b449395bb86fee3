"""Numbers in a language's own notation: the one place separators and the percent sign
are decided. Everything is formatted the English way first, then translated: German
writes 1.234,5 and 12,5% (as Excel and most German dashboards do: tables stay as narrow
as the English ones), Swedish 1 234,5 and 12,5 % (Språkrådet's rule and Excel's sv-SE).
"""

from __future__ import annotations

NBSP = "\u00a0"  # keeps "12 %" and "1 234" on one line in tables and wrapped prose

# English separators -> the language's; the percent sign gets its space before it.
_NOTATION: dict[str, dict[int, str]] = {
    "en": {},
    "de": str.maketrans({",": ".", ".": ","}),
    "sv": str.maketrans({",": NBSP, ".": ",", "%": f"{NBSP}%"}),
}


def localize(number: str, lang: str) -> str:
    """An English-formatted number ('+1,234.5%', '0.005', '<0.001') in `lang`'s notation.

    Only for text that is a formatted number (and a sign, '<', brackets): a version string
    or a user's label must not pass through here.
    """
    table = _NOTATION.get(lang)
    return number.translate(table) if table else number


def localize_all(numbers: str, lang: str) -> str:
    """`localize` for English-formatted numbers in a list or an interval ('+1.2% [+0.5%,
    +2.0%]'): English never follows a thousands comma with a space, so ', ' separates."""
    return ", ".join(localize(number, lang) for number in numbers.split(", "))


def percent(x: float | None, lang: str, *, signed: bool = True, places: int = 1) -> str:
    if x is None:
        return "–"
    return localize(f"{x:+.{places}%}" if signed else f"{x:.{places}%}", lang)


def grouped(x: float, lang: str, places: int = 0) -> str:
    return localize(f"{x:,.{places}f}", lang)
