"""Dates of birth as partial dates: every form met in sanctions lists and spreadsheets.

`parse_dob` turns one value into a list of `PartialDate` (several for alternatives and ranges);
`parse_dob_report` returns the same with the reasons for anything repaired or left unread, for
readers to put in their `problems`. Neither raises.

An age (`aged 45`, `45 years old`, `45 ans`, `45 años`, `45 лет`, `45 Jahre`) is read as the
years of birth it allows when the date it was written is given (`as_of`: for a recommendation,
its `recommended_on`), and left unread, with the reason, when not: an age counted from today
would drift a year every year. `date_window(value)` is the first and last day a date as
written can mean (`2019` is the whole year).
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from gmmatch.normalize._cache import short_text_cache

__all__ = ["DobParse", "PartialDate", "date_window", "parse_dob", "parse_dob_report"]

#: Years accepted as a date of birth. Outside this window a number is not read as a year.
MIN_YEAR, MAX_YEAR = 1800, 2100
#: Longest `A to B` range expanded year by year; wider ranges keep their two ends only.
MAX_RANGE_YEARS = 30
#: Excel serial numbers read as dates: 2101 (1905-10-01) to 73050 (2099-12-31). Integers from
#: 1800 to 2100 are years, not serials: in a date-of-birth column `1965` is always a year.
EXCEL_SERIAL_RANGE = (2101, 73050)
_EXCEL_EPOCH = dt.date(1899, 12, 30)


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date of birth known to year, month or day precision.

    `approximate`: the source said circa / about. `ambiguous`: a numeric date that reads both
    day-first and month-first (`03/04/1970`); both readings are returned. `ranged`: one year of
    an `A to B` range. `repaired`: an impossible date cut back to what could be kept.
    """

    year: int | None
    month: int | None = None
    day: int | None = None
    approximate: bool = False
    ambiguous: bool = False
    ranged: bool = False
    repaired: bool = False

    @property
    def precision(self) -> str:
        """`day`, `month`, `year` or `none`."""
        if self.year is None:
            return "none"
        if self.month is None:
            return "year"
        return "month" if self.day is None else "day"

    def __str__(self) -> str:
        if self.year is None:
            return ""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
            if self.day is not None:
                text += f"-{self.day:02d}"
        return text


@dataclass(frozen=True, slots=True)
class DobParse:
    """What `parse_dob_report` read: the dates, and a reason for each repair or unread part."""

    dates: tuple[PartialDate, ...]
    issues: tuple[str, ...] = field(default=())

    @property
    def repaired(self) -> bool:
        return any(d.repaired for d in self.dates)


_MONTHS = {
    # English, French, Spanish, German, Portuguese, Italian; folded (no accents), and prefixes
    # of 3+ letters are accepted via _month().
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "sept": 9, "october": 10, "november": 11, "december": 12,
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11,
    "diciembre": 12, "januar": 1, "februar": 2, "marz": 3, "maerz": 3, "juni": 6, "juli": 7,
    "oktober": 10, "dezember": 12, "janeiro": 1, "fevereiro": 2, "marco": 3, "maio": 5,
    "junho": 6, "julho": 7, "setembro": 9, "outubro": 10, "novembro": 11, "dezembro": 12,
    "gennaio": 1, "febbraio": 2, "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7,
    "settembre": 9, "ottobre": 10, "dicembre": 12,
    # Russian, as transliterated (`15 сентября 1965` folds to `15 sentiabria 1965`), in the
    # genitive a date uses and the nominative
    "ianvaria": 1, "ianvar": 1, "fevralia": 2, "fevral": 2, "marta": 3, "mart": 3,
    "aprelia": 4, "aprel": 4, "maia": 5, "iiunia": 6, "iiun": 6, "iiulia": 7, "iiul": 7,
    "avgusta": 8, "avgust": 8, "sentiabria": 9, "sentiabr": 9, "oktiabria": 10, "oktiabr": 10,
    "noiabria": 11, "noiabr": 11, "dekabria": 12, "dekabr": 12,
}
# (three-letter prefixes of one month only: `iiu` begins June and July in Russian)
_MONTH_ABBR = {prefix: num for prefix, num in {name[:3]: num for name, num in _MONTHS.items()}
               .items() if len({n for name, n in _MONTHS.items() if name[:3] == prefix}) == 1}
_MONTH_ABBR.update({"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
                    "sep": 9, "oct": 10, "nov": 11, "dec": 12, "ene": 1, "dic": 12, "okt": 10,
                    "dez": 12, "avr": 4, "fev": 2, "aou": 8})

_APPROX = re.compile(
    r"\b(?:circa|ca|c|approx|approximately|about|around|abt|env|environ|vers|aprox|"
    r"aproximadamente|in or about|in or around|hacia|alrededor de|cerca de|por volta de|"
    r"etwa|ungefahr|okolo|primerno|priblizitelno)\b\.?|~|\+/-|\?",
)
# A decade, or part of one: `1960s`, `the 1960's`, `early 1960s`, `mid-1960s`, `late 1960s`.
_DECADE = re.compile(r"^(?:the\s+)?(?:(?P<part>early|mid|late)[\s-]*)?(?P<decade>\d{3}0)\s*s$")
#: The years of a decade that `early`, `mid` and `late` stand for (offsets, both ends in).
DECADE_PARTS = {None: (0, 9), "early": (0, 3), "mid": (3, 6), "late": (6, 9)}
# A month in Roman numerals between day and year, as Eastern European documents write it
# (`15.IX.1965`); only there: `v 1965` is Russian for "in 1965".
_ROMAN_MONTHS = {roman: n for n, roman in enumerate(
    ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"], start=1)}
_ROMAN_DATE = re.compile(r"^(\d{1,2})[.\s/-]+([ivx]{1,4})[.\s/-]+(\d{4})$")
# Words beside a date that say nothing more: ordinals, `of`, `in` (`en`, `em`), `on` (`am`),
# Russian `g.` (year), `g. r.` and `goda rozhdeniia` (year of birth), `v` (in).
_FILLERS = frozenset({"st", "nd", "rd", "th", "of", "de", "del", "le", "el", "en", "em", "g",
                      "goda", "god", "godu", "v", "r", "rozhdeniia", "am"})
_PREFIX = re.compile(r"^\s*(?:alt\.?\s*)?(?:dob|d\.o\.b\.?|date of birth|born|b\.|ne|nee|"
                     r"nacido|nacida|nascido|nascida|geboren|geb\.|rodilsia|rodilas|"
                     r"date de naissance|fecha de nacimiento)\s*[:.]?\s*")
_ALTERNATIVES = re.compile(r"\s*(?:;|\bor\b|\bou\b|\balt\.?\s*(?:dob)?|\n)\s*")
_RANGE = re.compile(
    r"^(?:between|from|entre|de)\s+(?P<a>.+?)\s+(?:and|to|et|a|y)\s+(?P<b>.+)$"
    r"|^(?P<c>.+?)\s*(?:\bto\b|\btill\b|\buntil\b|–|—|\s-\s)\s*(?P<d>.+)$"
    r"|^(?P<e>\d{4})\s*[-/]\s*(?P<f>\d{4})$"
)
# An age, with a word that says so before it (`aged`, `age:`, `âgé de`, `edad`, `Alter`,
# `возраст`) or after it (`years old`, `y.o.`, `ans`, `años`, `anos de idade`, `Jahre alt`,
# `лет`, `год`, `года`), as ascii_fold writes them. A bare number is never an age.
_AGE_BEFORE = r"(?:aged?|age de|agee? de|edad(?: de)?|idade(?: de)?|alter|im alter von|vozrast)"
_AGE_AFTER = (r"(?:years?(?: old)?|yrs?(?: old)?|y\.?\s?o\.?|ans|anos(?: de (?:edad|idade))?|"
              r"jahre(?: alt)?|let|god|goda)")
_AGE = re.compile(rf"^(?:{_AGE_BEFORE}\s*:?\s*(?P<a>\d{{1,3}})(?:\s*{_AGE_AFTER})?"
                  rf"|(?P<b>\d{{1,3}})\s*{_AGE_AFTER})$")
#: Ages above this are not read.
MAX_AGE = 120
_FOUR_DIGITS = re.compile(r"\d{4}")
_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?(?:[t\s]\d{1,2}:\d{2}.*)?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_NUMERIC = re.compile(r"^(\d{1,2})[-/.\s](\d{1,2})[-/.\s](\d{2}|\d{4})$")
_WORDY = re.compile(r"[a-z]+|\d+")
_YEAR = re.compile(r"^\d{4}$")


def parse_dob(value: object, *, as_of: object = None) -> list[PartialDate]:
    """Dates of birth in `value`, one `PartialDate` per reading; [] when none can be read.

    Accepts str (any form of the module docstring), `datetime.date`/`datetime`, int/float (a
    year 1800-2100 or an Excel serial in EXCEL_SERIAL_RANGE) and None. An age is read when
    `as_of` says when it was written (a date, or a value `date_window` reads). Never raises.
    """
    return list(parse_dob_report(value, as_of=as_of).dates)


def parse_dob_report(value: object, *, as_of: object = None) -> DobParse:
    """Like `parse_dob`, with a reason for every repair and every part that could not be read."""
    try:
        if value is None:
            return DobParse(())
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return DobParse((PartialDate(value.year, value.month, value.day),))
        if isinstance(value, bool):
            return DobParse((), (f"not a date: {value!r}",))
        if isinstance(value, int | float):
            return _parse_number(value)
        if isinstance(value, str):
            age = _age(value)
            return _parse_text(value) if age is None else _born_at_age(age, as_of)
        return DobParse((), (f"not a date: {type(value).__name__}",))
    except Exception as error:  # the contract is "never raises"
        return DobParse((), (f"unreadable date ({type(error).__name__})",))


def date_window(value: object) -> tuple[dt.date, dt.date] | None:
    """The first and last day a date as written can mean: `2019-03-01` is one day, `Mar 2019`
    the month, `2019` the year, an ambiguous `03/01/2019` both readings; None when unread."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value, value
    firsts, lasts = [], []
    for partial in parse_dob(value):
        if partial.year is None:
            continue
        first_month, last_month = partial.month or 1, partial.month or 12
        firsts.append(dt.date(partial.year, first_month, partial.day or 1))
        lasts.append(dt.date(partial.year, last_month,
                             partial.day or calendar.monthrange(partial.year, last_month)[1]))
    return (min(firsts), max(lasts)) if firsts else None


@short_text_cache(4096)
def _age(text: str) -> int | None:
    from gmmatch.normalize.text import ascii_fold

    if _FOUR_DIGITS.search(text):  # (a year: most dates, checked before folding)
        return None
    found = _AGE.match(" ".join(ascii_fold(text).lower().replace(",", " ").split()).strip(" ."))
    if not found:
        return None
    age = int(found.group("a") or found.group("b"))
    return age if age <= MAX_AGE else None


def _born_at_age(age: int, as_of: object) -> DobParse:
    """The years of birth of someone `age` years old on a day of `as_of`'s window: born after
    that day less `age` + 1 years, on or before that day less `age` years."""
    window = date_window(as_of) if as_of is not None else None
    if window is None:
        why = "no date it was written" if as_of is None else f"unreadable date {as_of!r}"
        return DobParse((), (f"an age ({age}), not a date: {why} to count from (for a "
                             "recommendation, its recommended_on)",))
    first, last = window
    earliest = first.year - age - (0 if (first.month, first.day) == (12, 31) else 1)
    years = range(max(earliest, MIN_YEAR), last.year - age + 1)
    if not years:
        return DobParse((), (f"an age ({age}) on {first} is before {MIN_YEAR}",))
    dates = tuple(PartialDate(year, ranged=len(years) > 1) for year in years)
    on = f"on {first}" if first == last else f"between {first} and {last}"
    return DobParse(dates, (f"an age ({age}) {on}: born in "
                            f"{' or '.join(str(y) for y in years)}",))


def _parse_number(value: float) -> DobParse:
    if not math.isfinite(value):
        return DobParse((), (f"not a date: {value!r}",))
    whole = int(value)
    if MIN_YEAR <= whole <= MAX_YEAR and whole == value:
        return DobParse((PartialDate(whole),))
    low, high = EXCEL_SERIAL_RANGE
    if low <= whole <= high:
        day = _EXCEL_EPOCH + dt.timedelta(days=whole)
        return DobParse((PartialDate(day.year, day.month, day.day),))
    return DobParse((), (f"number {value!r} is neither a year nor an Excel date serial",))


@short_text_cache(65536)
def _parse_text(text: str) -> DobParse:
    from gmmatch.normalize.text import ascii_fold

    cleaned = ascii_fold(text).lower().strip().strip("\"'").strip()
    cleaned = _PREFIX.sub("", cleaned).rstrip(" .,;")
    if not cleaned:
        return DobParse(())
    dates: list[PartialDate] = []
    issues: list[str] = []
    for part in _ALTERNATIVES.split(cleaned):
        part = _PREFIX.sub("", part.strip(" .,")).strip()
        if part:
            _parse_alternative(part, dates, issues)
    if not dates and not issues:
        issues.append("no date found")
    return DobParse(tuple(dict.fromkeys(dates)), tuple(issues))


def _parse_alternative(part: str, dates: list[PartialDate], issues: list[str]) -> None:
    approximate = bool(_APPROX.search(part))
    if approximate:
        part = _APPROX.sub(" ", part).strip(" .,")
    decade = _DECADE.match(part.replace("'", ""))
    if decade:
        first, last = DECADE_PARTS[decade.group("part")]
        start = int(decade.group("decade"))
        dates.extend(_expand_range(PartialDate(start + first, approximate=True),
                                   PartialDate(start + last, approximate=True), True, issues))
        return
    match = _RANGE.match(part)
    if match:
        first = match.group("a") or match.group("c") or match.group("e")
        last = match.group("b") or match.group("d") or match.group("f")
        start = _parse_single(first, approximate, issues)
        end = _parse_single(last, approximate, issues)
        if start and end:
            dates.extend(_expand_range(start[0], end[0], approximate, issues))
            return
        if start or end:
            dates.extend(start + end)
            return
    found = _parse_single(part, approximate, issues)
    if found:
        dates.extend(found)
    else:
        issues.append(f"cannot read date {part!r}")


def _expand_range(
    start: PartialDate, end: PartialDate, approximate: bool, issues: list[str]
) -> list[PartialDate]:
    if start.year is None or end.year is None:
        return [start, end]
    if end.year < start.year:
        start, end = end, start
        issues.append("range written backwards; read in order")
    span = end.year - start.year
    if span == 0:
        return [start, end] if start != end else [start]
    if span > MAX_RANGE_YEARS:
        issues.append(f"range of {span} years kept as its two ends")
        return [_ranged(start), _ranged(end)]
    middle = [
        PartialDate(year, approximate=approximate, ranged=True)
        for year in range(start.year + 1, end.year)
    ]
    return [_ranged(start), *middle, _ranged(end)]


def _ranged(date: PartialDate) -> PartialDate:
    # `01 Jan 1967 to 31 Dec 1969` means the years 1967-1969: whole-year ends lose the day.
    if (date.month, date.day) in ((1, 1), (12, 31)):
        return PartialDate(date.year, approximate=date.approximate, ranged=True)
    return PartialDate(date.year, date.month, date.day, date.approximate, date.ambiguous,
                       True, date.repaired)


def _parse_single(text: str, approximate: bool, issues: list[str]) -> list[PartialDate]:
    text = text.strip(" .,")
    if _YEAR.match(text):
        year = int(text)
        if MIN_YEAR <= year <= MAX_YEAR:
            return [PartialDate(year, approximate=approximate)]
        issues.append(f"implausible year {year}")
        return []
    iso = _ISO.match(text)
    if iso:
        year, month, day = int(iso.group(1)), int(iso.group(2)), iso.group(3)
        return _checked(year, month, int(day) if day else None, approximate, issues)
    compact = _COMPACT.match(text)
    if compact:
        year, month, day = (int(g) for g in compact.groups())
        return _checked(year, month, day, approximate, issues)
    numeric = _NUMERIC.match(text)
    if numeric:
        return _numeric(numeric, approximate, issues)
    roman = _ROMAN_DATE.match(text)
    if roman and roman.group(2) in _ROMAN_MONTHS:
        return _checked(int(roman.group(3)), _ROMAN_MONTHS[roman.group(2)], int(roman.group(1)),
                        approximate, issues)
    words = _WORDY.findall(text)
    if words and len([w for w in words if w not in _FILLERS]) <= 4:
        return _wordy(words, approximate, issues)
    return []


def _numeric(match: re.Match, approximate: bool, issues: list[str]) -> list[PartialDate]:
    first, second, year = int(match.group(1)), int(match.group(2)), _full_year(match.group(3))
    if year is None:
        issues.append(f"implausible year {match.group(3)}")
        return []
    day_first = first <= 31 and 1 <= second <= 12
    month_first = second <= 31 and 1 <= first <= 12
    if day_first and month_first and first != second:
        readings = _checked(year, second, first, approximate, issues, ambiguous=True)
        readings += _checked(year, first, second, approximate, issues, ambiguous=True)
        return readings
    if month_first and not day_first:
        return _checked(year, first, second, approximate, issues)
    if day_first:
        return _checked(year, second, first, approximate, issues)
    issues.append(f"no month in {first}/{second}/{year}: kept the year")
    return [PartialDate(year, approximate=approximate, repaired=True)]


def _wordy(words: list[str], approximate: bool, issues: list[str]) -> list[PartialDate]:
    month = None
    numbers: list[int] = []
    for word in words:
        if word.isdigit():
            numbers.append(int(word))
            continue
        found = _month(word)
        if found is None:
            if word in _FILLERS:
                continue
            return []
        if month is not None:
            return []
        month = found
    if month is None and len(numbers) == 1 and MIN_YEAR <= numbers[0] <= MAX_YEAR:
        return [PartialDate(numbers[0], approximate=approximate)]  # `1965 g.`
    if month is None or not numbers:
        return []
    years = [n for n in numbers if MIN_YEAR <= n <= MAX_YEAR]
    if not years and len(numbers) == 2 and numbers[-1] < 100:
        full = _full_year(str(numbers[-1]))
        years = [full] if full else []
        numbers = [numbers[0], full] if full else numbers
    if len(years) != 1:
        return []
    year = years[0]
    others = [n for n in numbers if n != year] or ([year] if numbers.count(year) > 1 else [])
    if len(others) > 1:
        return []
    day = others[0] if others else None
    return _checked(year, month, day, approximate, issues)


@lru_cache(maxsize=512)
def _month(word: str) -> int | None:
    if word in _MONTHS:
        return _MONTHS[word]
    if len(word) >= 3 and word[:3] in _MONTH_ABBR:
        prefix = word[:3]
        candidates = {n for name, n in _MONTHS.items() if name.startswith(word)}
        if len(candidates) == 1:
            return candidates.pop()
        return _MONTH_ABBR.get(prefix) if len(word) == 3 else None
    return None


def _full_year(text: str) -> int | None:
    year = int(text)
    if len(text) == 2:
        # two-digit years in a date of birth: the most recent past century
        this_year = dt.date.today().year
        year += 2000 if 2000 + year <= this_year else 1900
    return year if MIN_YEAR <= year <= MAX_YEAR else None


def _checked(
    year: int,
    month: int | None,
    day: int | None,
    approximate: bool,
    issues: list[str],
    *,
    ambiguous: bool = False,
) -> list[PartialDate]:
    if not MIN_YEAR <= year <= MAX_YEAR:
        issues.append(f"implausible year {year}")
        return []
    if month is None or (month == 0 and not day):
        return [PartialDate(year, approximate=approximate, ambiguous=ambiguous)]
    if not 1 <= month <= 12:
        issues.append(f"impossible month {month} in {year}: kept the year")
        return [PartialDate(year, approximate=approximate, repaired=True)]
    if day is None or (day == 0 and month):
        if day == 0:
            issues.append(f"day 0 in {year}-{month:02d}: kept year and month")
            return [PartialDate(year, month, approximate=approximate, repaired=True)]
        return [PartialDate(year, month, approximate=approximate, ambiguous=ambiguous)]
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        if ambiguous:
            return []
        issues.append(f"impossible day {day} in {year}-{month:02d}: kept year and month")
        return [PartialDate(year, month, approximate=approximate, repaired=True)]
    return [PartialDate(year, month, day, approximate, ambiguous)]
