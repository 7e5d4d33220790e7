import datetime as dt

import pytest

from gmmatch.normalize import PartialDate, parse_dob, parse_dob_report


def read(value):
    return [(d.year, d.month, d.day, d.approximate, d.ambiguous) for d in parse_dob(value)]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("15 Sep 1946", [(1946, 9, 15, False, False)]),
        ("Sep 1946", [(1946, 9, None, False, False)]),
        ("September 1946", [(1946, 9, None, False, False)]),
        ("1946", [(1946, None, None, False, False)]),
        ("circa 1965", [(1965, None, None, True, False)]),
        ("c. 1965", [(1965, None, None, True, False)]),
        ("approximately 1965", [(1965, None, None, True, False)]),
        ("1965-09-15", [(1965, 9, 15, False, False)]),
        ("1965-09", [(1965, 9, None, False, False)]),
        ("15/09/1946", [(1946, 9, 15, False, False)]),
        ("15.09.1946", [(1946, 9, 15, False, False)]),
        ("09/15/1946", [(1946, 9, 15, False, False)]),
        ("11/15/1951", [(1951, 11, 15, False, False)]),
        ("03/04/1970", [(1970, 4, 3, False, True), (1970, 3, 4, False, True)]),
        ("September 15, 1946", [(1946, 9, 15, False, False)]),
        ("15 septembre 1946", [(1946, 9, 15, False, False)]),
        ("15 de septiembre de 1946", [(1946, 9, 15, False, False)]),
        ("15 сентября 1946 г.", [(1946, 9, 15, False, False)]),   # Russian, genitive
        ("1 июня 1970", [(1970, 6, 1, False, False)]),            # June, not July (iiu-)
        ("1946 г.", [(1946, None, None, False, False)]),
        ("в 1946 году", [(1946, None, None, False, False)]),      # `v`: in, not May
        ("15.IX.1946", [(1946, 9, 15, False, False)]),
        # "born (in)", "year of birth", "about" in the coalition's languages
        ("1946 г.р.", [(1946, None, None, False, False)]),
        ("1946 года рождения", [(1946, None, None, False, False)]),
        ("родился 15 сентября 1946 г.", [(1946, 9, 15, False, False)]),
        ("около 1946", [(1946, None, None, True, False)]),
        ("né en 1946", [(1946, None, None, False, False)]),
        ("nacido el 15 de septiembre de 1946", [(1946, 9, 15, False, False)]),
        ("hacia 1946", [(1946, None, None, True, False)]),
        ("nascido em 1946", [(1946, None, None, False, False)]),
        ("geboren am 15. September 1946", [(1946, 9, 15, False, False)]),
        ("etwa 1946", [(1946, None, None, True, False)]),
        ("1965?", [(1965, None, None, True, False)]),
        ("DOB 15 Nov 1951.\"", [(1951, 11, 15, False, False)]),
        ("alt. DOB circa 15 Sep 1946", [(1946, 9, 15, True, False)]),
        ("1961 or 1962", [(1961, None, None, False, False), (1962, None, None, False, False)]),
        ("12 March 1960 or 1961",
         [(1960, 3, 12, False, False), (1961, None, None, False, False)]),
        (dt.date(1965, 9, 15), [(1965, 9, 15, False, False)]),
        (dt.datetime(1965, 9, 15, 10, 30), [(1965, 9, 15, False, False)]),
        (1965, [(1965, None, None, False, False)]),
        (25000, [(1968, 6, 11, False, False)]),  # Excel serial
        (25000.0, [(1968, 6, 11, False, False)]),
        (None, []),
        ("", []),
        ("unknown", []),
        (12, []),
        (float("nan"), []),
    ],
)
def test_forms(value, expected):
    assert read(value) == expected


@pytest.mark.parametrize("text", ["1962 to 1965", "between 1962 and 1965", "DOB 1962 to 1965",
                                  "1962 - 1965", "1962–1965"])
def test_year_range_gives_one_date_per_year(text):
    assert [d.year for d in parse_dob(text)] == [1962, 1963, 1964, 1965]
    assert all(d.month is None and d.ranged for d in parse_dob(text))


@pytest.mark.parametrize(("text", "years"), [
    ("1960s", range(1960, 1970)), ("the 1960's", range(1960, 1970)),
    ("early 1960s", range(1960, 1964)), ("mid-1960s", range(1963, 1967)),
    ("late 1960s", range(1966, 1970)), ("circa 1960s", range(1960, 1970)),
])
def test_a_decade_gives_its_years_approximately(text, years):
    dates = parse_dob(text)
    assert [d.year for d in dates] == list(years)
    assert all(d.approximate and d.month is None for d in dates)


def test_circa_range_is_approximate():
    dates = parse_dob("DOB circa 1962-1965")
    assert [d.year for d in dates] == [1962, 1963, 1964, 1965]
    assert all(d.approximate for d in dates)


def test_whole_year_range_of_full_dates():
    assert [str(d) for d in parse_dob("DOB 01 Jan 1967 to 31 Dec 1969")] == [
        "1967", "1968", "1969"]
    assert [str(d) for d in parse_dob("10 Feb 1960 to 20 Mar 1962")] == [
        "1960-02-10", "1961", "1962-03-20"]


def test_impossible_day_keeps_year_and_month_and_says_why():
    result = parse_dob_report("1974-01-32")
    assert [str(d) for d in result.dates] == ["1974-01"]
    assert result.repaired and result.dates[0].repaired
    assert "impossible day 32" in result.issues[0]


def test_impossible_month_keeps_the_year():
    result = parse_dob_report("1974-13-05")
    assert [str(d) for d in result.dates] == ["1974"]
    assert result.issues


def test_unreadable_text_is_reported():
    result = parse_dob_report("sometime in the seventies")
    assert result.dates == ()
    assert result.issues == ("cannot read date 'sometime in the seventies'",)


def test_partial_date_str_and_precision():
    assert str(PartialDate(1965)) == "1965"
    assert str(PartialDate(1965, 9)) == "1965-09"
    assert str(PartialDate(1965, 9, 5)) == "1965-09-05"
    assert PartialDate(1965, 9).precision == "month"


def test_never_raises_on_odd_objects():
    assert parse_dob(object()) == []
    assert parse_dob(True) == []
    assert parse_dob(10**30) == []


@pytest.mark.parametrize("text", [
    "aged 45", "Age: 45", "45 years old", "45 yrs", "45 y.o.", "âgé de 45 ans", "45 ans",
    "45 años", "edad 45", "45 anos de idade", "45 Jahre alt", "im Alter von 45", "45 лет",
    "возраст 45",
])
def test_an_age_is_read_from_the_day_it_was_written(text):
    result = parse_dob_report(text, as_of="2019-03-01")
    # 45 on 1 March 2019: born after 1 March 1973, on or before 1 March 1974
    assert [str(d) for d in result.dates] == ["1973", "1974"]
    assert result.issues == ("an age (45) on 2019-03-01: born in 1973 or 1974",)


def test_an_age_without_the_day_it_was_written_is_not_guessed():
    result = parse_dob_report("aged 45")
    assert result.dates == ()
    assert "an age (45), not a date" in result.issues[0]
    assert "recommended_on" in result.issues[0]


@pytest.mark.parametrize(("text", "as_of", "years"), [
    ("45 ans", "2019-12-31", ["1974"]),        # the last day of a year: one year possible
    ("45 ans", "2019", ["1973", "1974"]),      # any day of 2019
    ("41 год", "2019-03-01", ["1977", "1978"]),
    ("42 года", "2019-03-01", ["1976", "1977"]),
])
def test_an_age_gives_the_years_its_window_allows(text, as_of, years):
    assert [str(d) for d in parse_dob(text, as_of=as_of)] == years


@pytest.mark.parametrize("text", ["45", "1965 года", "1965 г.р.", "12 mars 1965", "130 years"])
def test_numbers_that_are_not_ages_are_not_read_as_ages(text):
    assert parse_dob_report(text, as_of="2019-03-01") == parse_dob_report(text)
    assert not any("an age" in issue for issue in parse_dob_report(text).issues)
