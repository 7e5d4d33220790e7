"""Country names, long forms, adjectives, former names and codes to ISO 3166-1 alpha-2.

The table is built once, on first use, from pycountry (ISO 3166-1 names, official and common
names, alpha-2/alpha-3 codes, ISO 3166-3 historic countries, and the names of its gettext
catalogues in French, Spanish, Portuguese, German and Russian) plus the curated forms below:
demonyms, short names, the forms of the OFAC, UN and Canadian files, and the decisions for
territories without a plain ISO code.
"""

from __future__ import annotations

import contextlib
import gettext
import re
from functools import lru_cache

from gmmatch.normalize._cache import short_text_cache
from gmmatch.normalize.text import fold_text

__all__ = ["SOVEREIGN_OF", "country_code", "country_codes", "country_codes_in",
           "is_not_a_country"]

# Decisions for values with no plain ISO 3166-1 country, as met in the official files:
# - Palestinian territories (Gaza, West Bank, "Palestinian") -> PS, ISO's code for Palestine.
# - Kosovo -> XK, the user-assigned code used by the EU, OFAC and most banks.
# - Crimea (OFAC "Region: Crimea") -> UA: internationally recognized as part of Ukraine.
# - Dissolved states -> their former ISO alpha-2 (ISO 3166-3): Soviet Union SU, Yugoslavia YU,
#   Czechoslovakia CS, Netherlands Antilles AN, East Germany DD. A former name of a state that
#   still exists maps to the current code (Burma MM, Zaire CD, Swaziland SZ, Ceylon LK).
# - Not a country -> None, and not an unknown country either (`is_not_a_country`): OFAC's
#   "undetermined" and "None Identified", "Commonwealth of Independent States", "na",
#   "Kafia Kingi" (a disputed area claimed by Sudan and South Sudan).
_CURATED = """
AF afghan|AL albanian|DZ algerian|AO angolan|AR argentine argentinian|AM armenian|
AU australian|AT austrian|AZ azerbaijani azeri|BS bahamian bahamas the|BH bahraini|
BD bangladeshi|BY belarusian byelorussian belarusan belorussian|BE belgian|BZ belizean|
BJ beninese dahomey|BO bolivian|BA bosnian bosnia|BR brazilian|BN bruneian brunei|BG bulgarian|
BF burkinabe upper volta|MM burmese burma myanmar birmanie|BI burundian|KH cambodian kampuchea|
CM cameroonian|CA canadian|CV cape verdean cape verde cabo verde|CF central african|TD chadian|
CL chilean|CN chinese chine|CO colombian|KM comoran comorian|
CG congolese brazzaville congo republic|
CD congolese kinshasa zaire democratic republic of congo drc congo democratic republic|
CR costa rican|CI ivorian ivory coast cote d ivoire cote divoire|HR croatian|CU cuban|
CY cypriot|CZ czech|DK danish|DJ djiboutian|DO dominican republic|EC ecuadorian|EG egyptian egypte|
SV salvadoran salvadorean|GQ equatoguinean equatorial guinean|ER eritrean|EE estonian|
SZ swazi swaziland|ET ethiopian|FJ fijian|FI finnish|FR french|GA gabonese|GM gambian gambia the|
GE georgian|DE german allemagne west germany|GH ghanaian|GR greek|GT guatemalan|GN guinean|
GW bissau guinean|GY guyanese|HT haitian|HN honduran|HK hong kong hongkong hong kong sar|
HU hungarian|IS icelandic|IN indian inde|ID indonesian indonesie|IR iranian persia persian iran|
IQ iraqi irak|IE irish|IL israeli|IT italian|JM jamaican|JP japanese|JO jordanian jordanie|
KZ kazakh kazakhstani|KE kenyan|KP north korean korea north dprk north korea coree du nord|
KR south korean korea south south korea coree du sud|XK kosovo kosovar kosovan|KW kuwaiti|
KG kyrgyz kirghiz kyrgyzstani|LA lao laotian laos|LV latvian|LB lebanese liban|LR liberian|
LY libyan libye|LI liechtensteiner|LT lithuanian|LU luxembourgish luxembourger|MO macanese macau|
MK macedonian macedonia north macedonia former yugoslav republic macedonia|
FM micronesia micronesian|MG malagasy|MW malawian|MY malaysian|MV maldivian|
ML malian northern mali|MT maltese|MR mauritanian|MU mauritian|MX mexican mexique|
MD moldovan moldavian|MC monegasque|MN mongolian|ME montenegrin|MA moroccan maroc|
MZ mozambican|NA namibian|NP nepali nepalese|NL dutch holland netherlands the|
NZ new zealander|NI nicaraguan|NE nigerien|NG nigerian|NO norwegian|OM omani|PK pakistani|
PS palestinian palestine gaza gaza strip west bank state of palestine|
PS occupied palestinian territory|
PA panamanian|PY paraguayan|PE peruvian|PH filipino philippine|PL polish|PT portuguese|
QA qatari|RO romanian rumanian|RU russian russie russia|RW rwandan|SA saudi saudi arabian|
SN senegalese|RS serbian|SC seychellois|SL sierra leonean|SG singaporean|SK slovak|
SI slovenian slovene|SO somali somalian|ZA south african|SS south sudanese soudan du sud|
ES spanish|LK sri lankan ceylon|SD sudanese soudan|SR surinamese|SE swedish|CH swiss|
SY syrian syrie syria|TW taiwanese taiwan|TJ tajik tajikistani|TZ tanzanian tanzania|TH thai|
TG togolese|TT trinidadian tobagonian|TN tunisian tunisie|TR turkish turkey turkiye|
TM turkmen|UG ugandan|UA ukrainian crimea|AE emirati uae united arab emirates|
GB british uk britain great britain english scottish welsh united kingdom|
US american usa united states u s a united states of america|UY uruguayan|UZ uzbek uzbekistani|
VU ni vanuatu|VE venezuelan venezuela|VN vietnamese vietnam viet nam|YE yemeni yemen|
ZM zambian|ZW zimbabwean rhodesia|
SU soviet soviet union former soviet union ussr u s s r|YU yugoslav yugoslavian yugoslavia|
CS czechoslovak czechoslovakian czechoslovakia|AN netherlands antilles|DD east germany|
VG british virgin islands virgin islands british|IM isle of man man isle of|
ST sao tomean|BT bhutanese|KN kittitian nevisian|
RU россия|BY беларусь белоруссия|UA украина|KZ казахстан|UZ узбекистан|KG киргизия кыргызстан|
TJ таджикистан|TM туркмения туркменистан|AZ азербайджан|AM армения|GE грузия|MD молдова молдавия|
CN китай|IR иран|SY сирия|VE венесуэла|KP кндр|CU куба|NI никарагуа|LY ливия|
RU rusia russland|BY bielorrusia weissrussland bielorrussia|DE deutschland|US eeuu|BR brasil|
RU рф ruso rusa russo russe russisch российский российская|BY bielorruso bielorrusa bielorrusse|
UA ucraniano ucraniana ukrainien ukrainienne|CN chino chinesa chinois chinoise|
IR irani iraniano iraniana iranien iranienne|SY sirio siria syrien syrienne|
IQ iraqui iraquiano irakien irakienne|LB libanes libanesa libanais libanaise|
CU cubano cubana cubain cubaine|NI nicaraguense nicaraguayen nicaraguayenne|
VE venezolano venezolana venezuelano venezuelana venezuelien venezuelienne|
CO colombiano colombiana colombien colombienne|MX mexicano mexicana mexicain mexicaine|
GT guatemalteco guatemalteca guatemalteque|HN hondureno hondurena hondurien hondurienne|
SV salvadoreno salvadorena salvadorien salvadorienne|PY paraguayo paraguaya paraguaio paraguaia|
BO boliviano boliviana bolivien bolivienne|EC ecuatoriano ecuatoriana equatoriano equatoriana|
PE peruano peruana peruvien peruvienne|AR argentino argentina argentin argentine|
CL chileno chilena chilien chilienne|DO dominicano dominicana dominicain dominicaine|
HT haitiano haitiana haitien haitienne|
PA panameno panamena panamien panamienne|BR brasileno brasilena brasileiro brasileira bresilien|
MM birmano birmana birman birmane|KH camboyano camboyana cambodgien cambodgienne|
CD congoles congolesa|RW ruandes ruandesa rwandais rwandaise|UG ugandes ugandesa ougandais|
SS sursudanes|SD sudanes sudanesa soudanais soudanaise|ZW zimbabuense zimbabwense zimbabween|
"""
# Multi-word entries in the lines above are phrases; they are split by this list of the
# phrases that contain a space (everything else on a line is one word per entry).
_PHRASES = [
    "upper volta", "cape verdean", "cape verde", "cabo verde", "central african",
    "congo republic", "democratic republic of congo", "congo democratic republic",
    "costa rican", "ivory coast", "cote d ivoire", "cote divoire", "dominican republic",
    "equatorial guinean", "gambia the", "west germany", "bissau guinean", "hong kong",
    "hong kong sar", "north korean", "korea north", "north korea", "coree du nord",
    "south korean", "korea south", "south korea", "coree du sud", "northern mali",
    "north macedonia", "former yugoslav republic macedonia", "holland netherlands the",
    "netherlands the", "new zealander",
    "gaza strip", "west bank", "state of palestine", "occupied palestinian territory",
    "saudi arabian", "sierra leonean", "south african", "south sudanese", "soudan du sud",
    "sri lankan", "united arab emirates", "great britain", "united kingdom", "u s a",
    "united states", "united states of america", "viet nam", "soviet union",
    "former soviet union", "u s s r", "netherlands antilles", "east germany",
    "british virgin islands", "virgin islands british", "isle of man", "man isle of",
    "sao tomean", "ni vanuatu", "bahamas the", "saudi arabian",
]
_NOT_COUNTRIES = frozenset(
    {"commonwealth of independent states", "undetermined", "unknown", "na", "n a", "none",
     "none identified", "not identified", "stateless", "kafia kingi", "international",
     "worldwide"}
)
_DROP_WORDS = re.compile(
    r"\b(?:the|of|la|le|les|l|de|du|des|d|special administrative region|sar)\b"
)
# `St. Kitts & Nevis`, `St. Vincent and the Grenadines`, `Ste-Lucie`: the names are spelt out
_SAINT = {"st": "saint", "ste": "sainte"}
_REGION_PREFIX = re.compile(r"^\s*(?:region|territory|territoire)\s*:\s*", re.IGNORECASE)


def _key(text: str) -> str:
    folded = fold_text(text.replace("&", " and "))
    return " ".join(_SAINT.get(word, word) for word in _DROP_WORDS.sub(" ", folded).split())


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    import pycountry

    table: dict[str, str] = {}

    def add(name: str | None, code: str) -> None:
        if not name:
            return
        for variant in (name, _inverted(name)):
            key = _key(variant)
            if key:
                table.setdefault(key, code)

    catalogues = []
    for language in TRANSLATED:
        # (a pycountry without that catalogue: the English names still hold)
        with contextlib.suppress(OSError):
            catalogues.append(gettext.translation("iso3166-1", pycountry.LOCALES_DIR,
                                                  languages=[language]))
    for country in pycountry.countries:
        code = country.alpha_2
        for attr in ("name", "official_name", "common_name"):
            name = getattr(country, attr, None)
            add(name, code)
            if name:
                for catalogue in catalogues:  # (in order: a name two give, the first keeps)
                    add(catalogue.gettext(name), code)
    curated: dict[str, str] = {}
    for line in _CURATED.replace("|", "\n").splitlines():
        words = line.split()
        if not words:
            continue
        code, rest = words[0], " ".join(words[1:])
        for phrase in sorted(_PHRASES, key=len, reverse=True):
            if f" {phrase} " in f" {rest} ":
                curated[_key(phrase)] = code
                rest = f" {rest} ".replace(f" {phrase} ", " ")
        for word in rest.split():
            curated[_key(word)] = code
    table.update(curated)  # curated decisions win over pycountry's readings
    for historic in pycountry.historic_countries:
        add(historic.name, _CURATED_HISTORIC.get(historic.alpha_3, historic.alpha_2))
    return table


#: pycountry's translations of the ISO 3166 names read beside the English ones, in the
#: languages of the coalition's sheets (French, Spanish, Portuguese, German, Russian). Where two
#: give one name to two countries (pt_BR calls Afghanistan an "Islamic Republic of Pakistan"),
#: the first reading kept wins.
TRANSLATED = ("fr", "es", "pt", "de", "ru")

# Historic entries renamed, not dissolved: map to today's state.
_CURATED_HISTORIC = {"BUR": "MM", "ZAR": "CD", "DHY": "BJ", "HVO": "BF", "RHO": "ZW",
                     "TMP": "TL", "SCG": "CS", "DDR": "DD", "SUN": "SU", "YUG": "YU",
                     "CSK": "CS", "ANT": "AN"}


def _inverted(name: str) -> str:
    """`Korea, Republic of` -> `Republic of Korea`; `Bahamas, The` -> `The Bahamas`."""
    head, comma, tail = name.partition(",")
    return f"{tail} {head}" if comma else name


@lru_cache(maxsize=1)
def _codes() -> tuple[frozenset[str], dict[str, str]]:
    import pycountry

    alpha2 = frozenset(c.alpha_2 for c in pycountry.countries) | {"XK", "SU", "YU", "CS", "AN"}
    alpha3 = {c.alpha_3: c.alpha_2 for c in pycountry.countries}
    alpha3.update({"XKX": "XK", "RKS": "XK", "SUN": "SU", "YUG": "YU", "CSK": "CS", "ANT": "AN"})
    return alpha2, alpha3


@short_text_cache(16384)
def country_code(text: str | None) -> str | None:
    """ISO 3166-1 alpha-2 code for a country name, adjective, long form, former name or code.

    English and French names; `Korea, North`, `Congo, Democratic Republic of the`, `Burma`,
    `Emirati`, `RUS`, `Burma / Birmanie` (bilingual: each side tried). Codes are read only when
    written in capitals (`IN` is India, `in` is not a country). None when unknown, and None for
    a value naming several countries (`Russia/Israel`: see `country_codes_in`), rather than one
    of them.
    """
    codes = country_codes_in(text)
    return codes[0] if len(codes) == 1 else None


# What joins the countries of one value: `Russia/Israel`, `Russian and Israeli`, `Iran; Iraq`,
# `Syria & Lebanon`; and, tried after those since a country's name may hold one (`Korea, North /
# Russia`), a comma (`Russia, Cyprus`).
_LIST_SEPARATORS = (re.compile(r"\s*(?:[/;&+|]|\band\b)\s*", re.IGNORECASE),
                    re.compile(r"\s*(?:[/;,&+|]|\band\b)\s*", re.IGNORECASE))


@short_text_cache(16384)
def country_codes_in(text: str | None) -> list[str]:
    """The codes of one value naming one country or several, in order (a spreadsheet's dual
    nationality: `Russia/Israel`, `Russian and Israeli`). Empty when some part is not a
    country: a value is read whole or not at all, never in part."""
    if not isinstance(text, str):
        return []
    code = _exact_code(text)
    if code:
        return [code]
    for separators in _LIST_SEPARATORS:
        parts = [part for part in separators.split(text) if part.strip()]
        if len(parts) > 1:
            codes = [_exact_code(part) or _one_code(part) for part in parts]
            if all(codes):
                return list(dict.fromkeys(codes))
    code = _one_code(text)
    return [code] if code else []


def _bare(text: str) -> str:
    """A value without its `Region:` prefix and the blanks and full stop around it."""
    return _REGION_PREFIX.sub("", text.strip().strip(".").strip())


def _exact_code(text: str) -> str | None:
    """The code of a value that is a code or a country's name as a whole (no part of it)."""
    text = _bare(text)
    stripped = text.strip()
    if re.fullmatch(r"[A-Z]{2,3}", stripped):
        alpha2, alpha3 = _codes()
        if stripped in alpha2:
            return stripped
        if stripped in alpha3:
            return alpha3[stripped]
    key = _key(text)
    if key in _NOT_COUNTRIES or not key:
        return None
    table = _table()
    return table.get(key) or table.get(key.replace(" ", "")) or table.get(_key(_inverted(text)))


def _one_code(text: str) -> str | None:
    """`country_code` of one country's value, written any way it is (`former`, a comma, a
    parenthesis); the first country found."""
    text = _bare(text)
    text = re.sub(r"^(?:possibly|probably|alleged(?:ly)?|former|ex)\s+", "", text,
                  flags=re.IGNORECASE) if not text.lower().startswith("former soviet") else text
    found = _exact_code(text) if text else None
    if not found and "," in text:
        # `China, Hong Kong SAR`: the part after the comma names the place itself
        found = _table().get(_key(text.partition(",")[2]))
    if found:
        return found
    if "(" in text:  # `Myanmar (Burma)`, `Iran (Islamic Republic of)`
        for part in re.split(r"[()]", text):
            code = _one_code(part) if part.strip() and part != text else None
            if code:
                return code
    return None


def is_not_a_country(text: str | None) -> bool:
    """True for the values that say there is no country (`undetermined`, `None Identified`,
    `Region: Kafia Kingi`), as opposed to a name that is simply not known."""
    if not isinstance(text, str):
        return False
    return _key(_bare(text)) in _NOT_COUNTRIES


def country_codes(values: list[str] | tuple[str, ...] | None) -> list[str]:
    """Distinct codes of the recognizable values, in order (a value may name several:
    `country_codes_in`); unknown values are left out."""
    return list(dict.fromkeys(code for value in values or () for code in country_codes_in(value)))


#: Territories whose people hold a sovereign state's nationality (ISO code -> the state's): a
#: list may write either. The SDN list gives *LAM, Carrie* `nationality Hong Kong`, where a
#: letter would write China; a company in Macau is in China. Hong Kong and Macau (China), the
#: territories of the United States, the United Kingdom's Crown dependencies and overseas
#: territories, and the dependencies of Denmark, the Netherlands, France, Finland, Norway,
#: Australia and New Zealand. Disputed places are not among them (Taiwan, Kosovo, Palestine,
#: Western Sahara): a list's code for them says what it says. The normalized codes stay as read;
#: the linkage's features add the states (`model.features`).
SOVEREIGN_OF: dict[str, str] = {
    "HK": "CN", "MO": "CN",
    **dict.fromkeys(("PR", "GU", "VI", "AS", "MP", "UM"), "US"),
    **dict.fromkeys(("IM", "JE", "GG", "BM", "KY", "VG", "AI", "MS", "TC", "FK", "GI", "SH",
                     "PN", "IO", "GS"), "GB"),
    **dict.fromkeys(("GL", "FO"), "DK"),
    **dict.fromkeys(("AW", "CW", "SX", "BQ"), "NL"),
    **dict.fromkeys(("GF", "GP", "MQ", "RE", "YT", "NC", "PF", "PM", "WF", "BL", "MF", "TF"),
                    "FR"),
    "AX": "FI", "SJ": "NO",
    **dict.fromkeys(("CX", "CC", "NF", "HM"), "AU"),
    **dict.fromkeys(("CK", "NU", "TK"), "NZ"),
}
