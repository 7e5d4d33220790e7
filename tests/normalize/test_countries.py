import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gmmatch.normalize import country_code, country_codes, country_codes_in, normalize_table
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


@pytest.mark.parametrize(("text", "code"), [
    # Spanish, Portuguese, German and Russian names, as the coalition's sheets write them
    ("Corea del Norte", "KP"), ("Emiratos Árabes Unidos", "AE"), ("Rusia", "RU"),
    ("Bielorrússia", "BY"), ("Estados Unidos da América", "US"), ("Brasil", "BR"),
    ("Nordkorea", "KP"), ("Vereinigtes Königreich", "GB"), ("Russland", "RU"),
    ("Weißrussland", "BY"), ("Россия", "RU"), ("Российская Федерация", "RU"),
    ("Беларусь", "BY"), ("Китай", "CN"), ("РФ", "RU"),
    # nationalities as adjectives, both genders (Spanish, Portuguese, French)
    ("Nicaragüense", "NI"), ("venezolana", "VE"), ("Brasileira", "BR"), ("iranienne", "IR"),
    ("Russe", "RU"), ("dominicain", "DO"), ("Dominica", "DM"),
    # a name two catalogues give two countries keeps its first reading
    ("República Islâmica do Paquistão", "PK"), ("Afganistán", "AF"),
])
def test_names_in_the_coalition_s_languages(text, code):
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


@pytest.mark.parametrize(("text", "codes"), [
    ("Russia/Israel", ["RU", "IL"]),            # a spreadsheet's dual nationality
    ("Russian and Israeli", ["RU", "IL"]),
    ("Russia, Cyprus", ["RU", "CY"]),           # not Cyprus alone, as `China, Hong Kong` is HK
    ("Iran; Iraq", ["IR", "IQ"]),
    ("Burma / Birmanie", ["MM"]),               # two languages, one country
    ("Bosnia and Herzegovina", ["BA"]),         # a name with `and` in it is read whole first
    ("Virgin Islands, British", ["VG"]),
    ("Russia/Atlantis", []),                    # read whole or not at all
])
def test_a_value_may_name_several_countries(text, codes):
    assert country_codes_in(text) == codes
    assert country_code(text) == (codes[0] if len(codes) == 1 else None)


def test_a_dual_nationality_gives_both_codes_and_a_partial_one_is_an_issue():
    result = normalize_table(build_table([
        {"id": "1", "name": "X", "nationality": ["Russia/Israel"]},
        {"id": "2", "name": "Y", "nationality": ["Russia/Atlantis"]}]))
    assert result.columns["nationality_codes"].to_pylist() == [["RU", "IL"], []]
    assert result.issues == [(1, "nationality", "Russia/Atlantis", "unknown country", "kept")]


_NAMES = st.sampled_from(["Russia", "Israeli", "Ukraine", "Iranian", "Syria", "Cypriot",
                          "Belarus", "Nicaraguan", "Burma", "Zimbabwe", "Korea, North"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_NAMES, min_size=2, max_size=3, unique=True),
       st.sampled_from([" / ", "/", "; ", " and ", " & "]))
def test_countries_joined_in_one_value_give_each_code(names, separator):
    text = separator.join(names)
    assert country_codes_in(text) == list(dict.fromkeys(country_code(n) for n in names))

