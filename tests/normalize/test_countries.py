import pytest

from gmmatch.normalize import country_code, country_codes


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
