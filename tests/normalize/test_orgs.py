import pytest

from gmmatch.normalize import (
    name_features,
    org_core,
    orgs,
    parse_org_name,
    phonetic_key,
    token_variant_key,
)


@pytest.mark.parametrize("name", ['OOO "Rosneft"', "Rosneft LLC", "ROSNEFT, OOO", "«Rosneft» TOV",
                                  "Rosneft Limited Liability Company", "PAO Rosneft",
                                  "Rosneft, JSC", "Rosneft GmbH"])
def test_legal_forms_meet(name):
    assert org_core(name) == "rosneft"
    assert name_features(name, "organization").key == name_features("Rosneft", "organization").key


def test_legal_form_is_canonical():
    assert parse_org_name('OOO "Rosneft"').legal_forms == ("llc",)
    assert parse_org_name("Rosneft LLC").legal_forms == ("llc",)
    assert parse_org_name("Air Bagan Holdings Pte. Ltd.").legal_forms == ("ltd",)
    assert parse_org_name("BANCO NACIONAL DE CUBA S.A.").legal_forms == ("jsc",)
    assert parse_org_name("Bandoola Transportation Co. Ltd.").core == ("bandoola", "transportation")


@pytest.mark.parametrize("fused, apart", [("ALMAHDI ALUMINUM CO.", "Al Mahdi Aluminum Company"),
                                           ("ALKHALEEJ BANK CO LTD", "Al-Khaleej Bank Co. Ltd."),
                                           ("JAZEERAT ALMALDIFI", "Jazeerat Al-Maldifi")])
def test_an_article_fused_to_a_word_of_an_organizations_name_is_split_off(fused, apart):
    assert parse_org_name(fused).core == parse_org_name(apart).core
    assert (name_features(fused, "organization").key
            == name_features(apart, "organization").key)


@pytest.mark.parametrize("name", ["ALMAZ-ANTEY JSC", "ALFA BANK", "ELECTRON LLC", "ALBINA LTD"])
def test_words_that_only_begin_like_an_article_stay_whole(name):
    assert not {"al", "el"} & set(parse_org_name(name).core)


@pytest.mark.parametrize("name", ["LLC", "Limited Liability Company", "Co. Ltd.", "OOO", "S.A."])
def test_a_legal_form_alone_has_no_key(name):
    assert name_features(name, "organization").key is None
    assert name_features(name, "organization").token_keys == ()


def test_legal_form_words_inside_a_name_stay():
    assert org_core("Bank of Company Town") == "bank of company town"
    assert org_core("As Safa Trading") == "as safa trading"


@pytest.mark.parametrize(("name", "core", "forms"), [
    ("BANCO NACIONAL, S.A. DE C.V.", ("banco", "nacional"), ("jsc",)),
    ("Banco Nacional S. A.", ("banco", "nacional"), ("jsc",)),
    ("GEMINI S.A.S.", ("gemini",), ("jsc",)),
    ("COCINA DE TIJUANA, S. DE R.L. DE C.V.", ("cocina", "de", "tijuana"), ("llc",)),
    ("COCINA DE TIJUANA S. DE R.L.", ("cocina", "de", "tijuana"), ("llc",)),
    ("Rosneft L.L.C.", ("rosneft",), ("llc",)),
    ("GRUPO ROOL C.V.", ("grupo", "rool"), ("lp",)),
    ("SERVICIOS ANDINOS S.R.L.", ("servicios", "andinos"), ("llc",)),
    ("Shenzhen Yason Co.,Ltd", ("shenzhen", "yason"), ("ltd",)),
    ("SAAVEDRA Y CIA. S. EN C.", ("saavedra", "y"), ("co", "lp")),
    ("AL-AQSA E.V.", ("al", "aqsa"), ("assoc",)),
    ("ZULIANA DE ESMERALDAS C.I. S.A.S.", ("zuliana", "de", "esmeraldas"), ("co", "jsc")),
    # joint stock company abbreviated after its kind, at either end
    ("Open JSC Northern Shipping Company", ("northern", "shipping"), ("co", "jsc")),
    ("BELARUSKALI, Open JSC", ("belaruskali",), ("jsc",)),
    ("Public JSC Sberbank", ("sberbank",), ("jsc",)),
    # (a word of the name stays one)
    ("JSC Open Door", ("open", "door"), ("jsc",)),
])
def test_dotted_and_spaced_legal_forms(name, core, forms):
    org = parse_org_name(name)
    assert (org.core, org.legal_forms) == (core, forms)


def test_dotted_initials_are_one_word_as_when_written_without_dots():
    assert name_features("M.S.P. KALA NAFT", "organization").key == (
        name_features("MSP Kala Naft", "organization").key)
    # the dots of one abbreviation only: the next word is not glued on
    assert org_core("P.P.ROBNA KUCA") == "pp robna kuca"


@pytest.mark.parametrize("name", [
    "BANCO DE DESARROLLO ECONOMICO Y SOCIAL DE VENEZUELA", "Bank of the Islamic Republic",
    "OZONE HAVACILIK VE SAVUNMA", "AL-HARAMAIN ISLAMIC FOUNDATION",
    "NITS KIBERNETIKI I AVTOMATIKI", "SEPAH-E QODS", "JAMAAT-UL-DAWA",
])
def test_connecting_words_make_no_keys(name):
    features = name_features(name, "organization")
    noise = {"and", "of", "the", "de", "y", "ve", "al", "ul", "i", "e"}
    assert noise & set(features.tokens)  # the words stay in the text and tokens
    assert not {token_variant_key(w) for w in noise} & set(features.token_keys)
    assert not {phonetic_key(w) for w in noise} & set(features.phonetic_keys)


def test_a_letter_left_over_is_a_key():
    # once S.A. is a legal form, the W is what tells these two apart
    assert name_features("GRUPO W S.A.", "organization").token_keys == ("grapa", "v")
    assert name_features("GRUPO M, S.A.", "organization").token_keys == ("grapa", "m")


@pytest.mark.parametrize(("name", "keys"), [("The Way", ("va",)), ("THE", ("ta",)), ("A", ("a",)),
                                            ("Y", ("i",)), ("AL-AQSA", ("aksa",))])
def test_a_name_is_never_left_without_keys(name, keys):
    assert name_features(name, "organization").token_keys == keys


# Spellings from the SDN list (2024-05-03 and its 2025 ALT.CSV): the same legal forms written
# with one letter more, less, changed or swapped.
MISSPELT_FORMS = [
    ("OBSHCHESTVO S OGRANICHENNOI OTVESTVENNOSTYU ITERANET", ("iteranet",), ("llc",)),
    ("OBSCHESTVO S ORGANICHENNOY OTVETSTVENNOSTYU SOKHRA GRUPP", ("sokhra", "grupp"), ("llc",)),
    ("AKTSIONEROE OBSHCHESTVO RNT", ("rnt",), ("jsc",)),
    ("JOINT-STOCK COMANY KHABAROVSKIY SHIPYARD", ("khabarovskiy", "shipyard"), ("jsc",)),
    ("BOSPHORUS GATE DIS TICARET LIMSTED SIRKETI", ("bosphorus", "gate", "dis", "ticaret"),
     ("ltd",)),
    ("Smartmet Limited Liabilitiy Company", ("smartmet",), ("llc",)),
    ("Mahan Air Corporatoin", ("mahan", "air"), ("corp",)),
    # `companiy` is one edit from `compania` too, which makes no form after Joint Stock
    ("JOINT STOCK COMPANIY KRONSHTADT", ("kronshtadt",), ("jsc",)),
    ("Open Joint Sttock Companiy Dolta", ("dolta",), ("jsc",)),
    ("Sociedad Anonimo Rio Verde", ("rio", "verde"), ("jsc",)),
    # the commonest abbreviations with a letter added or two swapped, or German's w for v
    ("INVERSIONES LDT, S.A.", ("inversiones",), ("jsc", "ltd")),
    ("Dhawi Pvt Lutd", ("dhawi",), ("ltd",)),
    ("Mines And Metals Engineering Gbmh", ("mines", "and", "metals", "engineering"), ("llc",)),
    ("Syskon Pwt Ltd", ("syskon",), ("ltd",)),
    ("Djsc Rawenstvo", ("rawenstvo",), ("jsc",)),
]
# Legal forms of the SDN list's organizations (2024-05-03 and its 2025 ALT.CSV) that other
# countries' registers write: Bulgarian, Estonian, Latvian, Belarusian, Belgian and Congolese,
# the Dubai free zone's, a foreign LLC of Belarus, and more below
OTHER_COUNTRIES_FORMS = [
    ("VABO-2005 EOOD", ("vabo", "2005"), ("llc",)),
    ("NOVE PARTNERS OOD", ("nove", "partners"), ("llc",)),
    ("KRISTIANO GR 53 JSC AD", ("kristiano", "gr", "53"), ("jsc",)),
    ("IZIBITS OU", ("izibits",), ("llc",)),
    ("OU INELSO", ("inelso",), ("llc",)),
    ("SIA FALCON INTERNATIONAL GROUP", ("falcon", "international", "group"), ("llc",)),
    ("AAT HRODZENSKAYA TYTUNYOVAYA FABRYKA NEMAN",
     ("hrodzenskaya", "tytunyovaya", "fabryka", "neman"), ("jsc",)),
    ("BENEATHCO DMCC", ("beneathco",), ("fze",)),
    ("CARGO FRET INTERNATIONAL, SPRL", ("cargo", "fret", "international"), ("llc",)),
    ("SLAVKALY FLLC", ("slavkaly",), ("llc",)),
    ("NORD GOLD SE", ("nord", "gold"), ("jsc",)),
    # the L.C. of Virginia's or Iowa's limited liability companies
    ("Smilepayments, L.C.", ("smilepayments",), ("llc",)),
    # Belgian, Spanish, Portuguese, Macedonian, Gulf, Hungarian and Egyptian forms
    ("BELS FLOWERS IMPORT EXPORT BVBA", ("bels", "flowers", "import", "export"), ("ltd",)),
    ("SAF TECH S.L.", ("saf", "tech"), ("llc",)),
    ("GOLFRATE HOLDINGS (ANGOLA) LDA", ("golfrate", "holdings", "angola"), ("llc",)),
    ("KAMCHEV KONSALTING SKOPJE DOOEL", ("kamchev", "konsalting", "skopje"), ("llc",)),
    ("MASS COM GROUP GENERAL TRADING AND CONTRACTING COMPANY WLL",
     ("mass", "com", "group", "general", "trading", "and", "contracting"), ("co", "llc")),
    ("CYTROX HOLDINGS ZRT.", ("cytrox", "holdings"), ("jsc",)),
    ("FRIGORIFICO CHAJHA S.A.E.", ("frigorifico", "chajha"), ("jsc",)),
    # (S.L. only at the end: SL Green is a name)
    ("SL Green Realty", ("sl", "green", "realty"), ()),
]
# Legal forms spelt out, from the SDN list (2024-05-03 and its 2025 ALT.CSV): open, closed and
# non-public Russian joint-stock companies in both transliterations of -ое, a Ukrainian one,
# German, Polish, Greek, Spanish, Portuguese and Chinese forms
SPELT_OUT_FORMS = [
    ("OTKRYTOE AKTSIONERNOE OBSHCHESTVO ZENIT BELOMO", ("zenit", "belomo"), ("jsc",)),
    ("OTKRYTOYE AKTSIONERNOYE OBSCHESTVO AVIAKOMPANIYA TRANSAVIAEKSPORT",
     ("aviakompaniya", "transaviaeksport"), ("jsc",)),
    ("SBERBANK LIZING ZAKRYTOE AKTSIONERNOE OBSHCHESTVO", ("sberbank", "lizing"), ("jsc",)),
    ("NEPUBLICHNOE AKTSIONERNOE OBSCHCHESTVO KORDEX", ("kordex",), ("jsc",)),
    ("AKTSIONERNE TOVARYSTVO SBERBANK", ("sberbank",), ("jsc",)),
    ("EUROPAEISCH-IRANISCHE HANDELSBANK AKTIENGESELLSCHAFT",
     ("europaeisch", "iranische", "handelsbank"), ("jsc",)),
    ("LAKE FOREST SPOLKA Z OGRANICZONA ODPOWIEDZIALNOSCIA", ("lake", "forest"), ("llc",)),
    ("INTELLEXA ANONYMI ETAIREIA", ("intellexa",), ("jsc",)),
    ("CONSULTADORIA BAIA LIMITADA", ("consultadoria", "baia"), ("llc",)),
    ("DALIAN ZHENGHUA MAOYI YOUXIAN GONGSI", ("dalian", "zhenghua", "maoyi"), ("ltd",)),
    ("Foo Gesellschaft mit beschränkter Haftung", ("foo",), ("llc",)),
    ("Foo Società per Azioni", ("foo",), ("jsc",)),
    # German writes в `w`: one edit from `obshchestwo`
    ("OTKRYTOYE AKTSIONERNOYE OBSCHESTWO TAE AVIA", ("tae", "avia"), ("jsc",)),
]


@pytest.mark.parametrize(("name", "core", "forms"),
                         MISSPELT_FORMS + SPELT_OUT_FORMS + OTHER_COUNTRIES_FORMS)
def test_legal_forms_misspelt_or_spelt_out(name, core, forms):
    parsed = parse_org_name(name)
    assert (parsed.core, parsed.legal_forms) == (core, forms)


@pytest.mark.parametrize(("name", "core"), [
    ("Compass Ltd", ("compass",)),             # two edits from company
    ("Real Estate Co", ("real", "estate")),     # estate is one edit from state: no form ends so
    ("Point Stock Holding", ("point", "stock", "holding")),  # a form must end the name
    ("Companiy", ("companiy",)),                # never the whole name
    ("Limited Companiy", ("companiy",)),
    ("AO Limitless", ("limitless",)),
    ("Lutd", ("lutd",)),
    ("Alpha Lt", ("alpha", "lt")),              # a letter dropped makes another abbreviation
    ("AD-DAWLA AL-ISLAMIYYA", ("ad", "dawla", "al", "islamiyya")),  # AD and SE end a name
    ("SE Asia Trading", ("se", "asia", "trading")),
    # unlimited liability, one edit from `limitada`
    ("Agricola Ruelas Sociedad de Produccion Rural de Responsabilidad Ilimitada",
     ("agricola", "ruelas", "sociedad", "de", "produccion", "rural", "de", "responsabilidad",
      "ilimitada")),
])
def test_near_form_words_only_count_where_a_legal_form_would(name, core):
    assert parse_org_name(name).core == core


def test_a_very_long_word_is_not_searched_for_misspelt_forms():
    # a 50,000-letter word once made 50,000 deletions of 50,000 letters each (2.5 GB), found by
    # reading fuzzed SDN files; misspellings are now looked up in a table of the one-edit words
    word = "x" * 50_000
    assert word not in orgs._NEAR_FORM_WORDS
    assert orgs._NEAR_FORM_WORDS["comany"] == ("company",)
    assert "company" not in orgs._NEAR_FORM_WORDS
    assert parse_org_name("Zh" * 10 + " " + word + " Limited").core == ("zh" * 10, word)
