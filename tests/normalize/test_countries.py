import pytest

from gmmatch.normalize import country_code, country_codes, normalize_table
from gmmatch.normalize.countries import is_not_a_country
from gmmatch.records import build_table


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Congo, Democratic Republic of the", "CD"),
        ("Democratic Republic of the Congo", "CD"),
        ("Congo, Republic of the", "CG"),
        ("Korea, North", "KP"),
        ("Democratic People's Republic of Korea", "KP"),
        ("Korea, South", "KR"),
        ("Russian", "RU"),
        ("Russian Federation", "RU"),
        ("Russia / Russie", "RU"),
        ("Emirati", "AE"),
        ("Burma", "MM"),
        ("Burma / Birmanie", "MM"),
        ("Myanmar", "MM"),
        ("RUS", "RU"),
        ("RU", "RU"),
        ("Iran (Islamic Republic of)", "IR"),
        ("Syria / Syrie", "SY"),
        ("South Sudan / Soudan du sud", "SS"),
        ("Türkiye", "TR"),
        ("United Kingdom of Great Britain and Northern Ireland", "GB"),
        ("China, Hong Kong Special Administrative Region", "HK"),
        ("Macedonia, The Former Yugoslav Republic of", "MK"),
        ("North Macedonia, The Republic of", "MK"),
        ("Man, Isle of", "IM"),
        ("Bahamas, The", "BS"),
        ("The Gambia", "GM"),
        ("Cote d Ivoire", "CI"),
        ("Virgin Islands, British", "VG"),
        ("Allemagne", "DE"),
        ("États-Unis", "US"),
        ("Region: Crimea", "UA"),
        ("Region: Gaza", "PS"),
        ("West Bank", "PS"),
        ("possibly Palestinian", "PS"),
        ("State of Palestine", "PS"),
        ("Kosovo", "XK"),
        ("Soviet Union", "SU"),
        ("former Soviet Union", "SU"),
        ("Yugoslavia", "YU"),
        ("Czechoslovakia", "CS"),
        ("Netherlands Antilles", "AN"),
        ("Region: Northern Mali", "ML"),
        ("Niger", "NE"),
        ("Nigeria", "NG"),
        ("Guinea-Bissau", "GW"),
        ("Dominica", "DM"),
    ],
)
def test_known_forms(text, code):
    assert country_code(text) == code


@pytest.mark.parametrize("text", ["na", "in", "undetermined", "Region: Kafia Kingi",
                                  "Commonwealth of Independent States", "Atlantis", "", None,
                                  "Justice for Victims of Corrupt Foreign Officials Regulations"])
def test_unknown_is_none(text):
    assert country_code(text) is None


def test_country_codes_keeps_order_and_drops_unknown():
    assert country_codes(["Russia", "Atlantis", "RUS", "Ukraine"]) == ["RU", "UA"]


@pytest.mark.parametrize(("text", "code"), [("St. Vincent and the Grenadines", "VC"),
                                            ("St. Kitts & Nevis", "KN"),
                                            ("St. Kitts and Nevis", "KN"), ("St. Lucia", "LC")])
def test_saint_is_spelt_out(text, code):
    assert country_code(text) == code


@pytest.mark.parametrize("text", ["undetermined", "None Identified", "Region: Kafia Kingi"])
def test_values_meaning_no_country_are_no_issue(text):
    assert country_code(text) is None
    assert is_not_a_country(text)
    result = normalize_table(build_table([{"id": "1", "name": "X", "country": [text],
                                           "nationality": [text]}]))
    assert result.issues == []
    assert result.columns["country_codes"].to_pylist() == [[]]


def test_an_unknown_country_is_still_an_issue():
    assert not is_not_a_country("Atlantis")
    result = normalize_table(build_table([{"id": "1", "name": "X", "country": ["Atlantis"]}]))
    assert result.issues == [(0, "country", "Atlantis", "unknown country", "kept")]
