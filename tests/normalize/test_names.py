import re
from itertools import pairwise

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from gmmatch.normalize import (
    EAST_SLAVIC_GIVEN_NAMES,
    EAST_SLAVIC_PATRONYMIC_KEYS,
    ch_as_sh,
    east_slavic_reading,
    fold_text,
    french_as_english,
    german_as_english,
    joined_name_key,
    name_features,
    name_key,
    name_tokens,
    normalize_name,
    parse_name,
    phonetic_key,
    plain_name_key,
    q_as_g,
    slavic_as_english,
    slavic_letters_as_english,
    spanish_as_english,
    split_asides,
    strip_titles,
    token_keys,
    token_variant_key,
    unspaced_name_key,
    written_in_abjad,
    written_the_german_way,
    written_the_slavic_way,
    written_the_spanish_way,
)
from gmmatch.normalize.names import key_bearing

# Variants of one name, taken from SDN names and their ALT.CSV a.k.a.s, the UN list and the
# issue: each group must share one order-independent variant key.
SAME_PERSON = [
    ("BORTNIKOV, Aleksandr Vasilyevich", "Aleksandr Vasilievich Bortnikov",
     "Александр Васильевич Бортников", "Alexander Vasilyevich BORTNIKOV"),
    ("QADHAFI, Muammar", "AL-QADHAFI, Muammar", "Muammar al-Qadhafi", "Mu'ammar QADHAFI"),
    ("GADDAFI, Muammar", "AL-GADDAFI, Muammar", "GADDAFI, Mu'ammar"),
    ("Kim Jong Un", "KIM, Jong-un", "Kim Chong-un", "김정은"),
    ("Mohammed Yousef", "Muhammad Yusuf", "Mohamed Youssef", "Mukhammad Iusuf"),
    ("Abd al-Rahman al-Zawahiri", "Abdul Rahman Zawahiri", "Abdurrahman az-Zawahiri",
     "ABDELRAHMAN, El Zawahiri"),
    ("Abdullah Azzam", "Abd Allah Azzam", "Abdallah Azzam"),
    # Abd joined by a vowel alone, as Somali and Uzbek write it (the SDN list's ABDIKADIR,
    # ABDIRAHMAN, ABDIAZIZ, ABDUKADIR, ABDURAHMAN)
    ("ABDIKADIR, Abdiaziz", "Abdulqadir Abdulaziz", "Abdukadir Abd al-Aziz"),
    ("Abdirahman Abdirashid", "Abdurahman Abdurrashid", "Abd al-Rahman Abdul Rashid"),
    # the assimilated article of a sun letter written `sh`, joined or apart
    ("Abdushshakur", "Abdush Shakur", "Abd al-Shakur"),
    ("Usama bin Laden", "Osama BIN LADEN", "Usama Ben Laden"),
    ("Dzhokhar Tsarnaev", "Djokhar Tsarnayev"),
    ("Ramzan Akhmadovich Kadyrov", "KADYROV, Ramzan Akhmadovich", "Ramzan Ahmadovich Kadyrov"),
    ("Igor Sechin", "SETCHINE, Igor", "Igor Setschin"),
    ("Yevgeniy Prigozhin", "PRIGOZHIN, Evgeny", "Yevgeni PRIGOJINE"),
    ("Xi Jinping", "Hsi Chin-ping", "习近平"),
    # the given name's syllables joined in the order written, not sorted (guoquan)
    ("CHEN, Quanguo", "Chen Quanguo", "陈全国", "Chen Quan-guo"),
    # a surname the recognizer does not list (Huo), a listed one among the given syllables (Liu)
    ("HUO, Liujun", "Huo Liujun", "霍流军"),
    ("Alexander Lukashenko", "LUKASHENKA, Aliaksandr"),
    # the article fused, hyphenated or apart (the SDN list has ALMUHAYSINI and AL-MUHAYSINI)
    ("ALMUHAYSINI, Abdullah", "AL-MUHAYSINI, Abdallah", "Abdullah al Muhaysini"),
    ("ALSHATTI, Jamal", "AL-SHATTI, Jamal", "Jamal El-Shatti"),
    # fused to another spelling of a listed word (sehri, shehri)
    ("ALSEHRI, Waleed Abdullah", "Waleed Abdullah al-Shehri", "Waleed Abdullah Alshehri"),
    ("Elsayed Ahmed", "Ahmed EL SAYED", "AL-SAYED, Ahmed"),
    ("Husayn Nasrallah", "Hussein Nasrallah", "Hossein Nasrallah", "Hosein Nasrallah",
     "Husain Nasrallah", "Hüseyin Nasrallah", "Hussen Nasrallah", "Houssein Nasrallah"),
    ("Hasan Nasrallah", "Hassan Nasrallah", "Hassen Nasrallah", "Hassane Nasrallah"),
    ("GUSEYNOV, Ramil", "Ramil Guseinov", "Ramil Gouseynov"),
    # particles read as the name is said, whichever side of the comma they stand
    ("BEN HENI, Lased", "Lased Ben Heni", "Lased BEN HENI"),
    ("AL-DEEN, Saher Burhan", "Saher Burhan al-Deen", "Saher Burhanuddin"),
]


@pytest.mark.parametrize("group", SAME_PERSON, ids=lambda g: g[0])
def test_variants_share_the_name_key(group):
    keys = {name_key(name) for name in group}
    assert len(keys) == 1, {name: name_key(name) for name in group}


# Different people with a shared surname or given name, from the SDN list: keys must differ.
DIFFERENT_PEOPLE = [
    ("KIM, Jong Un", "KIM, Jong Man"),
    ("KIM, Jong Un", "KIM, Jong Sik"),
    ("QADHAFI, Muammar", "QADHAFI, Khamis"),
    ("GADDAFI, Saadi", "GADDAFI, Saif Al-Arab"),
    # Hasan and Husayn share the consonants h-s-n, and dropped inner vowels would key them
    # alike: the first vowel tells them apart, whatever the romanization
    ("Hasan Nasrallah", "Husayn Nasrallah"),
    ("Hassan Nodeh", "Hossein Nodeh"),
    ("Ali Hassan", "Ali Hüseyin"),
    ("GASANOV, Ramil", "GUSEYNOV, Ramil"),
    ("Yusuf al-Qaradawi", "Asif al-Qaradawi"),
    ("Omar Abdel Rahman", "Amr Abdel Rahman"),
    ("BORTNIKOV, Aleksandr Vasilyevich", "BORTNIKOV, Denis Aleksandrovich"),
    # names that start like an article and hold none: never split
    ("Albina Petrova", "Bina Petrova"),
    ("Aldana Ruiz", "Dana Ruiz"),
    ("Alexander Vasilyev", "Exander Vasilyev"),
    ("Elena Sokolova", "Ena Sokolova"),
    # a j is a consonant, not the y it stands for in German and Slavic spellings (Jurij)
    ("Sajjad Rahimi", "Saeed Rahimi"),
    ("Marjan Petrochemical", "Maroon Petrochemical"),
    ("KIM, Jong Sik", "KIM, Yong Sik"),
]


@pytest.mark.parametrize(("first", "second"), DIFFERENT_PEOPLE)
def test_different_people_keep_different_keys(first, second):
    assert name_key(first) != name_key(second)


# A Chinese or Korean name in a romanization the recognizer does not take for one (French
# Liou, Djun; a doubled letter): it has no CJK key, but meets the listed name's plain key.
UNRECOGNIZED_ROMANIZATIONS = [
    ("LIU, Baoxia", "Baoxia Liou"),
    ("CHA, Sung Jun", "Ssung Djun Cha"),
    ("JONG, Song Hwa", "Song Hwa Djong"),
]


@pytest.mark.parametrize(("listed", "written"), UNRECOGNIZED_ROMANIZATIONS)
def test_an_unrecognized_romanization_meets_the_plain_key(listed, written):
    assert plain_name_key(written) is None  # not recognized as Chinese or Korean
    assert name_key(written) != name_key(listed)
    assert name_key(written) == plain_name_key(listed)
    assert set(token_keys(written)) <= set(token_keys(listed))


def test_only_chinese_and_korean_names_have_a_plain_key():
    assert plain_name_key("Aleksandr BORTNIKOV") is None
    assert plain_name_key("KIM, Jong Un") == "jang kam un"
    assert name_key("KIM, Jong Un") == name_key("Kim Chong-un") != "iang kam un"


@pytest.mark.parametrize("name", [
    "AL-TAQI, Rim Nadir", "NASSER, Rim", "SUN, Amber", "LAM, Carrie", "Omar Han", "Samir Nam"])
def test_a_surname_koreans_bear_beside_arabic_or_english_names_is_not_korean(name):
    # Nadir, Nasser, Amber, Carrie, Omar, Samir: no Chinese or Korean syllable ends in `r`
    assert plain_name_key(name) is None
    assert name_key(name) == " ".join(sorted(token_variant_key(t) for t in name_tokens(name)
                                             if t != "al"))


@pytest.mark.parametrize(("south", "north"), [
    ("Choi Ryong-hae", "CHOE, Ryong Hae"), ("Rhee Pyong-chol", "RI, Pyong Chol"),
    ("Yi Pyong Chol", "RI, Pyong Chol"), ("Lim Yong-hyok", "RIM, Yong Hyok"),
    ("Park Chun-il", "PAK, Chun Il"), ("Shin Yong-il", "SIN, Yong Il"),
    ("Yoo Jin", "RYU, Jin")])
def test_a_korean_surname_as_the_south_writes_it_is_the_norths(south, north):
    # the lists write North Korea's romanization, the press often South Korea's
    assert plain_name_key(south) is not None  # (Park, Rhee: surnames not shaped as syllables)
    assert name_key(south) == name_key(north)


@pytest.mark.parametrize(("written", "listed"), [
    ("Park Hwa-song", "PAK, Hwa Song"), ("Lee Je-son", "RI, Je Son"),
    ("Choi Song-chol", "CHOE, Song Chol"), ("Gao Yan", "GAO, Yan"),
    ("Song Il-ho", "SONG, Il Ho"), ("Hwa Song PAK", "PAK, Hwa Song")])
def test_the_surname_a_name_tells_is_its_surname_though_a_given_syllable_is_one(written, listed):
    # Song, Son, Yan are surnames and given syllables both: the comma (or the capitals) says
    # which is which; a name written in order without them begins with its surname
    assert name_key(written) == name_key(listed)
    assert name_key("PAK, Hwa Song") != name_key("SONG, Hwa Pak")
    # and where nothing tells, the first known surname is taken (Kim, not Jong)
    assert name_key("Kim Jong Un") == name_key("KIM, Jong Un")


def test_an_english_name_with_a_korean_surname_is_not_korean():
    # a surname need not be shaped as a syllable, but the other parts must be
    assert plain_name_key("Park Avenue") is None
    assert name_key("Park Avenue").split() == ["avana", "park"]


def test_chinese_er_and_cantonese_or_are_syllables():
    assert plain_name_key("LAM CHENG, Yuet-ngor") is not None
    assert plain_name_key("WANG, Er") is not None


def test_surname_comma_order_is_resolved():
    parts = parse_name("BORTNIKOV, Aleksandr Vasilyevich")
    assert parts.surname == ("bortnikov",)
    assert parts.given == ("aleksandr", "vasilyevich")
    assert normalize_name("BORTNIKOV, Aleksandr Vasilyevich") == "aleksandr vasilyevich bortnikov"


def test_un_style_parts_are_used_as_given():
    parts = parse_name(None, surname="AL-ZAWAHIRI", given_names="Aiman Muhammed Rabi")
    assert parts.surname == ("al", "zawahiri")
    assert parts.text == "aiman muhammed rabi al zawahiri"


def test_capitalized_words_are_the_surname_without_a_comma():
    assert parse_name("Aleksandr BORTNIKOV").surname == ("bortnikov",)
    assert parse_name("Aleksandr Bortnikov").surname == ()  # order unknown, no guess


def test_titles_are_stripped_and_kept():
    assert strip_titles("Sheikh Dr. Ahmed Yassin") == ("ahmed yassin", ("sheikh", "dr"))
    parts = parse_name("Major General Qasem Soleimani")
    assert parts.titles == ("major", "general")
    assert parts.text == "qasem soleimani"
    assert parse_name("Mullah Mohammed Omar").titles == ("mullah",)
    assert parse_name("His Excellency President Bashar al-Assad").text == "bashar al assad"
    # ranks of two or three words whose first word is no title alone
    assert strip_titles("Senior General Min Aung Hlaing") == ("min aung hlaing",
                                                              ("senior general",))
    assert strip_titles("Vice Senior General Soe Win")[0] == "soe win"
    assert strip_titles("Police Major General Ahmad Reza Radan")[0] == "ahmad reza radan"
    # `Senior` after a name is a suffix, before one that is no rank it is left alone
    assert strip_titles("John Smith Senior") == ("john smith", ("senior",))
    assert strip_titles("Senior Ali Hassan")[0] == "senior ali hassan"


def test_burmese_u_and_daw_are_titles_where_a_name_begins():
    assert strip_titles("U Soe Win") == ("soe win", ("u",))
    assert strip_titles("Daw Aung San Suu Kyi") == ("aung san suu kyi", ("daw",))
    assert parse_name("SONE, U Aung Pyae").text == "aung pyae sone"
    # a Korean name ends with its syllable U
    assert parse_name("JANG, Hyon U").tokens == ("hyon", "u", "jang")
    assert normalize_name("U Nu") == "nu"


def test_title_alone_is_not_stripped_to_nothing():
    assert normalize_name("General") == "general"
    assert normalize_name("SHEIKH") == "sheikh"


def test_names_that_are_also_titles_elsewhere_are_kept():
    assert normalize_name("Amir Khan") == "amir khan"
    assert normalize_name("Sultan Malik") == "sultan malik"


def test_particles_are_written_one_way():
    assert normalize_name("Abdel-Aziz el-Sayed") == "abdulaziz al sayed"
    assert normalize_name("Abu Bakr al-Baghdadi") == normalize_name("ABU BAKR AL BAGHDADI")
    assert name_tokens("Usama bin Muhammad bin Awad bin Ladin") == [
        "usama", "bin", "muhammad", "awad", "ladin"]
    # compounds of al-Din and Allah as one word, however written (the SDN list's BADR AL DIN
    # and BADREDDINE, BASHIR-UD-DIN and BASHIRUDDIN, SEIF ALLAH and SEIFALLAH)
    assert normalize_name("Nur ad-Din") == normalize_name("Nureddine") == "nuruddin"
    assert normalize_name("Salah Eddine") == normalize_name("Salahuddin") == "salahuddin"
    assert normalize_name("BADR AL DIN, Mustafa") == normalize_name("Mustafa Badreddine")
    assert normalize_name("Hasan Nasr Allah") == "hasan nasrallah"
    assert normalize_name("Hayat Ullah Ghulam") == "hayatallah ghulam"
    # but not a name that only ends so, nor Din alone, a name of its own
    assert normalize_name("Geraldine Nadine Blandine") == "geraldine nadine blandine"
    assert normalize_name("Muhammad Din") == "muhammad din"
    # `An` is an article only before a word starting with n
    assert normalize_name("Nguyen Van An") == "nguyen van an"


# Given names that end with a particle lead into the surname (`RUSDAN, Abu` is Abu Rusdan):
# the comma form and the name said given names first must get the same keys. From the SDN and
# UN lists (`RUSDAN, Abu`, `AUF, Awad Ibn`, `AL-SAYYID, 'Ali Sulayman Mas'ud 'Abd`, `HASSINE,
# Seifallah Ben`, `HASAN, Hameed ul`, `RAHMAN, Abd al` as some exports cut it).
@pytest.mark.parametrize("comma, said", [
    ("RUSDAN, Abu", "Abou Rusdan"),
    ("MARZUK, Musa Abu", "Musa Abu Marzuk"),
    ("AUF, Awad Ibn", "Awad ibn Auf"),
    ("AL-SAYYID, 'Ali Sulayman Mas'ud 'Abd", "'Ali Sulayman Mas'ud 'Abd al-Sayyid"),
    ("HASSINE, Seifallah Ben", "Seifallah Ben Hassine"),
    ("HASAN, Hameed ul", "Hameed ul Hasan"),
    ("RAHMAN, Abd al", "Abd al-Rahman"),
    ("SAMAD, Abdul", "Abdul Samad"),
    # a word that may be an article or a name is read one way on both sides: said given names
    # first, it is the article it looks like (*Ed Daniels*, *ed-Daniels*), so the comma form
    # reads it so too, rather than keep a name the recommendation's key then lacked
    ("REHMAN, Mati-ur", "Mati-ur-Rehman"),
    ("DANIELS, Ed", "Ed Daniels"),
    ("NGUYEN, Thi An", "Thi An Nguyen"),
    ("BEN HENI, Lased", "Lased ben Heni"),
])
def test_a_particle_ending_the_given_names_leads_into_the_surname(comma, said):
    assert name_key(comma) == name_key(said)
    assert token_keys(comma) == token_keys(said)
    assert parse_name(comma).tokens == parse_name(said).tokens


def test_a_compound_made_across_the_comma_is_the_surname():
    parts = parse_name("AL-SAYYID, 'Ali Sulayman Mas'ud 'Abd")
    assert parts.given == ("ali", "sulayman", "masud")
    assert parts.surname == ("abdulsayyid",)


@pytest.mark.parametrize(("name", "said"), [("KIM, Kwang Il", "Kwang Il Kim"),
                                            ("CHOE, Song Il", "Song Il Choe"),
                                            ("RI, Il Nam", "Il Nam Ri")])
def test_a_korean_il_is_no_article(name, said):
    # syllables of a Chinese or Korean name are never particles, whatever the order
    surname, given = name.split(", ")
    parts = parse_name(name)
    assert parts.given == tuple(given.lower().split())
    assert parts.surname == (surname.lower(),)
    assert parse_name(said).tokens == parts.tokens


def test_token_variant_key_folds_romanization_pairs():
    assert token_variant_key("Vasilyevich") == token_variant_key("Vasilievich")
    # x written ks before a ch (a name transliterated back from Cyrillic), not a German sch
    assert token_variant_key("Ekschange") == token_variant_key("Exchange")
    assert token_variant_key("Bortnikoff") == token_variant_key("Bortnikov")
    assert token_variant_key("Khamenei") == token_variant_key("Hamenei")
    assert token_variant_key("Zhukov") == token_variant_key("Joukov") == token_variant_key("Jukov")
    assert token_variant_key("Dzhamal") == token_variant_key("Djamal") == token_variant_key("Jamal")
    assert token_variant_key("Sergej") == token_variant_key("Sergey")
    assert token_variant_key("Nikolaj") == token_variant_key("Nikolay")
    assert token_variant_key("Philippe") == token_variant_key("Filip")
    assert token_variant_key("Tchaikovsky") == token_variant_key("Chaykovskiy")
    assert token_variant_key("Qasim") == token_variant_key("Kasim")
    assert token_variant_key("Wolf") != token_variant_key("Volkov")


@given(st.from_regex(r"[a-z]{0,4}[0-9]{1,6}[a-z]{0,4}", fullmatch=True))
def test_a_words_digits_are_kept_as_written(word):
    # an identifier's digits (a registration mark, a plant's number) are never folded or
    # squeezed: YV1005 and YV105 are two aircraft
    def digits(text: str) -> str:
        return "".join(c for c in text if c.isdigit())
    assert digits(token_variant_key(word)) == digits(word)


def test_a_double_digit_is_two_digits_and_a_double_letter_one():
    assert token_variant_key("YV1005") != token_variant_key("YV105")
    assert token_variant_key("3Datta") == token_variant_key("3Data")


def test_phonetic_key_is_metaphone_of_the_folded_token():
    assert phonetic_key("Bortnikov") == phonetic_key("BORTNIKOFF")
    assert phonetic_key("Мухаммад") == phonetic_key("Mukhammad")
    assert phonetic_key("---") == ""


def test_key_does_not_depend_on_order():
    forward = name_key("Aleksandr Vasilyevich Bortnikov")
    assert forward == name_key("Bortnikov Aleksandr Vasilyevich")


def test_empty_and_odd_input():
    assert name_key(None) == ""
    assert normalize_name("") == ""
    assert name_tokens("  ,  ") == []


@pytest.mark.parametrize(("a", "b"), [("Jose dos Santos", "Jose Santos"),
                                      ("Wernher von Braun", "Wernher Braun"),
                                      ("GARCIA Y LOPEZ, Maria", "Maria Garcia Lopez"),
                                      ("Luis de Souza", "SOUZA, Luis"),
                                      # the article of `de la`, `de los` with it
                                      ("Juan DE LA CRUZ", "CRUZ, Juan"),
                                      ("Juan de los Santos", "Juan Santos")])
def test_european_connecting_particles_make_no_key(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(("name", "kept"), [("LE, Duc Tho", "le"), ("Do Muoi", "do"),
                                             ("Nguyen Van Thieu", "van"), ("De", "de"),
                                             ("LA, Van Minh", "la"), ("LA ROSA, Juan", "la")])
def test_particles_that_are_names_or_the_whole_name_keep_their_key(name, kept):
    assert token_variant_key(kept) in name_key(name).split()


@pytest.mark.parametrize(("text", "abjad"), [
    ("صدام حسين التكريتي", True),      # Arabic
    ("محمد جواد ظریف", True),          # Persian (Farsi yeh)
    ("שמעון פרס", True),               # Hebrew
    ("Saddam Hussein", False),
    ("Александр Бортников", False),    # Cyrillic writes its vowels
    ("김정은", False),
    ("", False),
])
def test_names_written_without_short_vowels_are_told_apart(text, abjad):
    assert written_in_abjad(text) is abjad
    if text:
        assert name_features(text).abjad is abjad


SYLLABLES = st.sampled_from(["ka", "ro", "mi", "tan", "sor", "vel", "dun", "pa", "ze", "gor"])
WORDS = st.lists(SYLLABLES, min_size=2, max_size=3).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, min_size=2, max_size=3, unique=True), WORDS)
def test_a_hyphenated_compound_keys_as_the_compound_written_as_one_word(compound, other):
    assume(other not in compound)  # (a name repeating a word keeps it once)
    hyphenated = f"{'-'.join(compound).upper()}, {other.title()}"
    joined = f"{''.join(compound).upper()}, {other.title()}"
    assert joined_name_key(hyphenated) == name_key(joined)
    assert joined_name_key(hyphenated, key_bearing(parse_name(hyphenated).tokens)) == \
        name_key(joined)
    assert joined_name_key(joined) is None


@pytest.mark.parametrize(("one", "other"), [
    # Persian compound given names, spaced or not (the SDN list writes both)
    ("Mohammadreza Naqdi", "NAQDI, Mohammad Reza"),
    ("Gholamreza Soleimani", "SOLEIMANI, Gholam Reza"),
    ("Aliakbar Velayati", "VELAYATI, Ali Akbar"),
    ("Mohamedali Haidar", "HAIDAR, Mohamed Ali"),
    # a letter typed across a space
    ("Bahawa lKHAN", "KHAN, Bahawal"),
])
def test_a_name_spaced_otherwise_has_the_same_unspaced_key(one, other):
    assert name_features(one).unspaced_key == name_features(other).unspaced_key is not None
    assert name_features(one).key != name_features(other).key


@pytest.mark.parametrize(("name", "kind"), [
    ("Madonna", "person"),        # one word
    ("Kim Jong Un", "person"),    # a Korean name's given syllables are joined already
    ("Rosneft Oil LLC", "organization"),
])
def test_no_unspaced_key_for_one_word_east_asian_names_or_organizations(name, kind):
    assert name_features(name, kind).unspaced_key is None


@settings(max_examples=300, deadline=None)
# (not `ze`: the word-final rules, a silent final e as in Setchine, read where a word ends, so
# that Kakaze and Kaka Ze differ there)
@given(st.lists(SYLLABLES.filter(lambda s: s != "ze"), min_size=3, max_size=6), st.data())
def test_the_same_letters_cut_into_words_otherwise_key_alike_unspaced(syllables, data):
    # two cuttings of the same syllables into words, the second written SURNAME, Given
    def cut(points: set[int]) -> list[str]:
        bounds = [0, *sorted(points), len(syllables)]
        return ["".join(syllables[a:b]) for a, b in pairwise(bounds)]

    inner = st.sets(st.integers(1, len(syllables) - 1), min_size=1)
    one, other = cut(data.draw(inner)), cut(data.draw(inner))
    spaced = " ".join(one).title()
    comma = f"{other[-1].upper()}, {' '.join(other[:-1]).title()}"
    # (words the parser reads as particles, titles or East Asian names, and names repeating a
    # word, which keep it once, are other tests')
    assume(parse_name(spaced).tokens == tuple(one) and parse_name(comma).tokens == tuple(other))
    assume(all(len({token_variant_key(w) for w in words}) == len(words)
               for words in (one, other)))
    # (and cuts between two equal letters: a double consonant across a joint stays two)
    assume(all(a[-1] != b[0] for words in (one, other) for a, b in pairwise(words)))
    assume(name_features(spaced).unspaced_key and name_features(comma).unspaced_key)
    assert unspaced_name_key(one) == name_features(spaced).unspaced_key
    assert name_features(spaced).unspaced_key == name_features(comma).unspaced_key


@pytest.mark.parametrize(("spaced", "joined"), [
    # one person each, both ways among the SDN list's names
    ("FAKHR ZADEH, Mohsen", "Mohsen Fakhrzadeh"),
    ("AHMADI NEJAD, Mahmoud", "Mahmoud Ahmadinejad"),
    ("ZABIH POUR, Ali", "Ali Zabihpour"),
    ("MOZAFFARI NIA, Ali", "Ali Mozaffarinia"),
])
def test_a_persian_suffix_written_apart_keys_as_the_compound(spaced, joined):
    assert joined_name_key(spaced) == name_key(joined)
    assert name_features(spaced).joined_key == name_key(joined)
    assert joined_name_key("Nia Long") is None  # a suffix only after another word
    assert joined_name_key("Rad Ali") is None


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="achstviy", min_size=1, max_size=12))
def test_ch_as_sh_reads_only_the_ch_english_writes_sh(word):
    read = ch_as_sh(word)
    frenchy = [i for i in range(len(word) - 1) if word[i:i + 2] == "ch"
               and (i == 0 or word[i - 1] not in "ts")
               and not (i + 2 == len(word) and word[i - 1:i] == "i" and word[i - 2:i - 1] == "v")
               and not (i + 2 == len(word) and word[i - 1:i] == "y" and word[i - 2:i - 1] == "v")]
    if not frenchy:
        assert read is None
    else:
        assert read is not None and len(read) == len(word)
        assert all(read[i:i + 2] == "sh" for i in frenchy)
        # tch and sch stay (French ч, German ш)
        assert read.count("tch") == word.count("tch") and read.count("sch") == word.count("sch")


@pytest.mark.parametrize(("word", "read"), [
    ("choigou", "shoigou"), ("patrouchev", "patroushev"), ("rachid", "rashid"),
    ("darwich", "darwish"), ("tchaika", None), ("schmidt", None), ("vasilievich", None),
    ("romanovych", None), ("ivanov", None)])
def test_french_ch_is_sh(word, read):
    assert ch_as_sh(word) == read


@pytest.mark.parametrize(("word", "read"), [
    ("hocine", "hosine"), ("lahcen", "lahsen"), ("yacine", "yasine"), ("belkacem", "belkasem"),
    ("rachid", "rashid"), ("chouvalov", "shouvalov"), ("occident", None), ("kamal", None),
    ("tchaika", None)])
def test_french_soft_c_is_s_and_ch_sh(word, read):
    assert french_as_english(word) == read


@pytest.mark.parametrize(("word", "read"), [
    ("ouael", "wael"), ("marouan", "marwan"), ("darouich", "darwish"), ("hamaoui", "hamawi"),
    ("moussa", None), ("youssef", None), ("mahfouz", None)])
def test_french_ou_before_a_vowel_is_w(word, read):
    assert french_as_english(word) == read


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="acehikstvy", min_size=1, max_size=12))
def test_french_as_english_reads_ch_then_a_soft_c(word):
    read = french_as_english(word)
    if read is None:
        assert ch_as_sh(word) is None
        return
    after_ch = ch_as_sh(word) or word
    assert len(read) == len(after_ch)
    # only a c before e, i or y (not cc) becomes an s, once the French ch are read
    assert all(a == b or (a == "c" and b == "s" and after_ch[i + 1:i + 2] in ("e", "i", "y")
                          and after_ch[i - 1:i] != "c")
               for i, (a, b) in enumerate(zip(after_ch, read, strict=True)))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="achjsdtoy", min_size=1, max_size=12))
def test_german_as_english_reads_only_ch_j_and_s(word):
    read = german_as_english(word)
    if read is None:
        return
    assert read != word and len(read) == len(word)
    # only a c, j or s is read (ch as kh, j as y, s as z), and every ch and j at once: read
    # again, only an s or z is (a y now between vowels, a z read as the ц German writes)
    assert all(a == b or a in "cjs" for a, b in zip(word, read, strict=True))
    again = german_as_english(read) or read
    assert (again.count("kh"), again.count("y")) == (read.count("kh"), read.count("y"))
    # tsch and sch stay (German ч, ш), and so do jj and a word's first dj (never a German y)
    for kept in ("tsch", "sch", "jj"):
        assert read.count(kept) == word.count(kept)
    assert read.startswith("dj") is word.startswith("dj")


@pytest.mark.parametrize(("word", "read"), [
    ("michail", "mikhail"), ("jurij", "yuriy"), ("pjotr", "pyotr"), ("jewgeni", "yewgeni"),
    ("tschemesow", "tschemezow"), ("mischustin", None), ("gerassimow", None),
    ("djamal", None), ("sajjad", None), ("solotow", None), ("sacharow", "sakharow"),
    # z is ц (Kusnezow, Zarew), s before a j no з (Desjatowa); Belarusian dz stays
    ("kusnezow", "kusnetsow"), ("zarew", "tsarew"), ("desjatowa", "desyatowa"),
    ("dzmitry", None), ("fedjajew", "fedyayew")])
def test_german_ch_j_and_s_are_kh_y_and_z(word, read):
    assert german_as_english(word) == read


@pytest.mark.parametrize(("word", "read"), [
    ("solotow", "zolotow"), ("sacharow", "zakharow"), ("sergej", "zergey"), ("ustinow", None),
    ("pskow", None), ("kusnezow", "kuznetsow"), ("koslow", "kozlow"), ("sdunow", "zdunow"),
    ("gusstow", None)])
def test_german_s_may_be_z_where_a_word_begins_and_before_a_voiced_consonant(word, read):
    assert german_as_english(word, s_as_z=True) == read


@pytest.mark.parametrize(("word", "read"), [
    ("solotow", "zolotow"), ("sergej", "zergey"), ("kusnezow", "kusnetsow"), ("koslow", None)])
def test_german_first_s_still_reads_the_first_s_alone(word, read):
    # (the keyword before session 29's `s_as_z`, kept for its callers)
    assert german_as_english(word, first_s=True) == read


@pytest.mark.parametrize(("word", "read"), [
    ("prigoschin", "prigozhin"), ("schukow", "zhukow"), ("tschischow", "tschizhow"),
    ("timtschenko", None), ("schirinowski", "zhirinowski")])
def test_a_german_sch_may_be_zh(word, read):
    # German writes ж `sch` as it writes ш; `tsch` is ч
    assert german_as_english(word, sch_as_zh=True) == read


@pytest.mark.parametrize(("text", "german"), [
    ("jewgeni prigoschin", True), ("pjotr awen", True), ("jurij", True),
    ("sergej lawrow", True), ("ljubow sobol", True), ("roman abramowitsch", True),
    ("walentina matwijenko", True), ("alexej", True), ("galina iwanowna", True),
    ("olga syrowazkaja", True), ("riad hijazi", False), ("khadija", False), ("raja", False),
    ("wladimir masur", True), ("jelena misulina", True), ("abdeldjalil mazouz", False),
    ("leonid sluzki", True), ("anatoli lissizyn", True), ("aleksandr gajewoj", True),
    ("sajjad rahimi", False), ("marjan", False), ("mohammad zanjani", False),
    ("juan mejia", False), ("michael fridman", False), ("sergei lavrov", False),
    ("michail fridman", True)])
def test_a_name_written_the_german_way(text, german):
    assert written_the_german_way(text) is german


@pytest.mark.parametrize(("text", "read"), [
    ("Prigožin", "Prigozhin"), ("Łukašenka", "Łukashenka"), ("ŠEVČENKO", "ShEVChENKO"),
    ("Prigożyn", "Prigozhyn"), ("Đukanović", "Djukanović"), ("Karadžić", "Karadzhić"),
    ("Sergei Shoigu", None), ("Dvořák", None), ("Świątek", None),
    # the ch Czech writes for х beside them is kh, the č a ch
    ("Michail Chodorkovskij Čajka", "Mikhail Khodorkovskij Chajka")])
def test_slavic_letters_are_english_digraphs(text, read):
    assert slavic_letters_as_english(text) == read


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="szchjdoy", min_size=1, max_size=12))
def test_slavic_as_english_reads_sz_cz_ch_c_and_j_at_once(word):
    read = slavic_as_english(word)
    if read is None:
        assert "sz" not in word and "c" not in word
    out = read or word
    assert out != word or read is None
    # sz and cz are read (sh, ch), ch (kh), any other c (ts), and a j (y) but in dj and jj
    # (Serbian, Arabic): what is left of them is the ch of a cz, which a reading without
    # `read_c` leaves too
    assert "sz" not in out and all(out[i + 1:i + 2] == "h" for i, c in enumerate(out) if c == "c")
    assert slavic_as_english(out, read_c=False) is None
    for kept in ("dj", "jj"):
        assert out.count(kept) == word.count(kept)


@pytest.mark.parametrize(("word", "read"), [
    ("miszustin", "mishustin"), ("michail", "mikhail"), ("kuzniecow", "kuznietsow"),
    ("slucki", "slutski"), ("szczerbakow", "shcherbakow"), ("jelcyn", "yeltsyn")])
def test_polish_c_is_ts_and_ch_kh(word, read):
    # Polish writes ц `c`, х `ch`, ч `cz`, щ `szcz`
    assert slavic_as_english(word) == read
    # a name with the Slavic letters keeps its c: Đukanović is DJUKANOVIC
    assert slavic_as_english("djukanovic", read_c=False) is None


@pytest.mark.parametrize(("text", "slavic"), [
    ("siergiej szojgu", True), ("giennadij timczenko", True), ("wiktor janukowycz", True),
    ("andriej kuzniecow", True), ("borys jelcyn", True), ("maksim jakubiec", True),
    ("walery siedlecki", True), ("tatiana buckaja", True), ("Władimir Putin", True),
    ("sergei shoigu", False), ("jewgeni prigoschin", False), ("ramzan kadyrov", False)])
def test_a_name_written_the_slavic_way(text, slavic):
    assert written_the_slavic_way(text) is slavic


@pytest.mark.parametrize(("text", "spanish"), [
    ("Mijaíl Fridman", True), ("Hasán Nasralá", True), ("Iñaki", True),
    ("Mikhail Fridman", False), ("Mijail Fridman", False), ("Prigožin", False)])
def test_a_name_written_the_spanish_way(text, spanish):
    assert written_the_spanish_way(text) is spanish


def test_a_spanish_j_is_kh():
    assert spanish_as_english("mijail") == "mikhail"
    assert spanish_as_english("majluf") == "makhluf"
    assert spanish_as_english("fridman") is None
    # only names with Spanish accents are read so: English writes j for ج (Jamal is not Kamal)
    assert name_key("Mikhail Fridman") in name_features("Mijaíl Fridman").read_keys
    assert name_features("Jamal Hasan").read_keys == ()


@pytest.mark.parametrize(("token", "read"), [
    ("qasem", "gasem"), ("qadhafi", "gadhafi"), ("tariq", "tarig"), ("dehqan", "dehgan"),
    ("haqqani", "haggani"), ("qusay", "gusay"),
    ("enrique", None), ("quintero", None), ("soleimani", None)])
def test_a_q_is_read_as_the_g_others_write_for_it(token, read):
    assert q_as_g(token) == read


@settings(max_examples=300)
@given(st.text(alphabet="aegiqu", max_size=12))
def test_reading_q_as_g_leaves_only_the_romance_qu_before_e_and_i(token):
    read = q_as_g(token)
    assert (read is None) == (re.search("q(?!u[ei])", token) is None)
    assert q_as_g(read or token) is None  # nothing left to read
    assert len(read or token) == len(token)


def test_a_name_with_a_q_keeps_a_key_with_the_g_gulf_arabic_and_persian_write():
    # Gulf, Iraqi, Sudanese and Libyan Arabic say ق `g`; Persian writes it `gh`; English `q`
    for with_q, with_g in [("Qais al-Khazali", "Gais al-Khazali"),
                           ("Muammar Qadhafi", "Muammar Gaddafi"),
                           ("Qasem Soleimani", "Ghasem Soleimani"),
                           ("Hossein Dehqan", "Hossein Dehghan")]:
        assert name_features(with_q).qaf_key == name_key(with_g), with_q
        assert name_key(with_q) != name_key(with_g)
        assert name_features(with_g).qaf_key is None
    # the q of a Romance qu before e or i is a k; a Pinyin q is a sound of its own
    assert name_features("Enrique Quintero").qaf_key is None
    assert name_features("QIN, Gang").qaf_key is None


def test_a_slavic_reading_is_a_second_key_of_names_people_write():
    # Czech and ISO 9 š, ž, j (Šojgu, Prigožin, Jevgenij), Polish sz, cz (Szojgu, Timczenko)
    for written, english in [("Jevgenij Prigožin", "Yevgeniy Prigozhin"),
                             ("Sergej Šojgu", "Sergei Shoigu"),
                             ("Siergiej Szojgu", "Sergei Shoigu"),
                             ("Giennadij Timczenko", "Gennadiy Timchenko")]:
        assert name_key(english) in name_features(written).read_keys, written
        assert name_key(english) != name_key(written)
    # folded without their marks, the Serbian names English writes so keep their own key
    assert name_key("Radovan Karadzic") == name_features("Radovan Karadžić").key


def test_the_german_reading_needs_neither_a_c_nor_a_j():
    # Resanow: German's s between vowels for з, English Rezanov
    assert name_key("Nikolai Rezanov") in name_features("Nikolai Resanow").read_keys


@pytest.mark.parametrize(("german", "english"), [
    ("Viktor Solotow", "Viktor Zolotov"), ("Andrej Sacharow", "Andrei Sakharov"),
    ("Wolodymyr Selenskyj", "Volodymyr Zelenskyy"),
    # one word's s may be с and another's з
    ("Sergej Subkow", "Sergei Zubkov"), ("Sinaida Sokolowa", "Zinaida Sokolova"),
    ("Stanislaw Kusnezow", "Stanislav Kuznetsov")])
def test_a_german_s_beginning_a_word_may_be_either_s_or_z(german, english):
    # German writes both с and з `s` at a word's start; one of the readings is the English key
    assert name_key(english) in name_features(german).read_keys


def test_a_chinese_name_in_han_characters_is_surname_first_given_name_one_word():
    parts, listed = parse_name("霍流军"), parse_name("HUO, Liujun")
    assert (parts.surname, parts.given) == (listed.surname, listed.given) == (("huo",),
                                                                             ("liujun",))
    assert parse_name("欧阳修文").surname == ("ouyang",)  # a surname of two characters
    # a foreign name transliterated into Han characters keeps its parts as they come
    assert parse_name("阿卜杜拉·买买提").surname == ()


HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)


@settings(max_examples=300, deadline=None)
@given(st.text(HAN, min_size=2, max_size=4))
def test_han_names_split_into_one_surname_and_one_given_name(chars):
    parts = parse_name(chars)
    syllables = fold_text(" ".join(chars)).replace(" ", "")
    assume(len(fold_text(chars).split()) == len(chars))  # one syllable a character
    assert len(parts.surname) == 1 and len(parts.given) == 1
    assert parts.surname[0] + parts.given[0] == syllables


@pytest.mark.parametrize(("text", "names", "weak"), [
    ("Ramzan Kadyrov a.k.a. Ramzan Akhmatovich Kadyrov",
     ["Ramzan Kadyrov", "Ramzan Akhmatovich Kadyrov"], []),
    ("Ramzan Kadyrov (aka Kadyrov R.)", ["Ramzan Kadyrov", "Kadyrov R."], []),
    ("Abu Bakr al-Baghdadi alias Ibrahim Awad", ["Abu Bakr al-Baghdadi", "Ibrahim Awad"], []),
    ("A f.k.a. B n.k.a. C", ["A", "B", "C"], []),
    # brackets at the end: the name, the whole as written, the aside as a weak name
    ("Xinjiang Production and Construction Corps (XPCC)",
     ["Xinjiang Production and Construction Corps",
      "Xinjiang Production and Construction Corps (XPCC)"], ["XPCC"]),
    ("Jimmy Cherizier [Barbecue]", ["Jimmy Cherizier", "Jimmy Cherizier [Barbecue]"],
     ["Barbecue"]),
    # in another script: a name of its own
    ("Jin Tiesan (金铁三)", ["Jin Tiesan", "金铁三"], []),
    ("حسن غول (Hassan Ghul; Hasan Gul)", ["حسن غول", "Hassan Ghul", "Hasan Gul"], []),
    # not asides: brackets inside a name, a marker that is a word of the name or its start
    ("HONG PANG GEMS & JEWELLERY (HK) CO. LIMITED",
     ["HONG PANG GEMS & JEWELLERY (HK) CO. LIMITED"], []),
    ("YK-AKA", ["YK-AKA"], []),
    ("Aka Ibrahim", ["Aka Ibrahim"], []),
    ("Alias Ahmed", ["Alias Ahmed"], []),
    ("Natalia Akashi", ["Natalia Akashi"], []),
])
def test_a_name_field_may_hold_asides(text, names, weak):
    assert split_asides(text) == (names, weak)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Kalashnikov", "Akash", "Natalia", "Alias", "Aka", "Ali",
                                 "Nakaba", "Fakhri", "Malika", "al-Baghdadi", "Formerly"]),
                min_size=1, max_size=4))
def test_a_name_with_no_marker_and_no_bracket_is_one_name(words):
    # a word that holds or is a marker (Akash, Aka) does not split a name; a marker first
    # (Alias Ahmed) is a name's word
    text = " ".join(words)
    assume(not any(w.lower() in {"alias", "aka"} for w in words[1:]))
    assert split_asides(text) == ([text], [])


@pytest.mark.parametrize(("name", "bearing"), [
    ("Maher A. Mutreb", ["maher", "mutreb"]),
    ("Yahya A.J.J. Jammeh", ["yahya", "jammeh"]),
    ("MUTREB, Maher Abdulaziz M.", ["maher", "abdulaziz", "mutreb"]),
    # one part beside the initial: it stays; and a Korean name's syllable is no initial
    ("M. Mutreb", ["m", "mutreb"]),
    ("JANG, Hyon U", ["hyon", "u", "jang"])])
def test_an_initial_makes_no_key_beside_two_parts(name, bearing):
    assert key_bearing(parse_name(name).tokens) == bearing


@pytest.mark.parametrize(("word", "language", "read"), [
    ("mykola", "russian", "nikolai"), ("mikalai", "russian", "nikolai"),
    ("ihor", "russian", "igor"), ("ihar", "russian", "igor"), ("oleh", "russian", "oleg"),
    ("serhiy", "russian", "sergei"), ("hryhorii", "russian", "grigory"),
    ("volodymyr", "russian", "vladimir"), ("uladzimir", "russian", "vladimir"),
    ("nikolay", "ukrainian", "mykola"), ("nikolai", "belarusian", "mikalai"),
    # a name only Belarusian writes with another key (Dmytro is Dmitry's key)
    ("dmitry", "belarusian", "dzmitry"), ("dmitry", "ukrainian", None),
    ("igor", "ukrainian", "ihor"), ("yevgeny", "ukrainian", "yevhen"),
    ("sergey", "belarusian", "siarhei"), ("tatiana", "belarusian", "tatsiana"),
    # forms the variant key already makes one (Andriy, Andrei; Tetiana, Tatyana; Viktor)
    ("andriy", "russian", None), ("tetiana", "russian", None), ("viktor", "belarusian", None),
    ("vladimir", "russian", None),
    # names other languages write alike, and words that share a key with one (Ullah, Oleh)
    ("hanna", "russian", None), ("nadia", "ukrainian", None), ("ullah", "russian", None),
    ("wasil", "russian", None), ("azarov", "russian", None)])
def test_east_slavic_given_names_as_each_language_writes_them(word, language, read):
    assert east_slavic_reading(word, language) == read


@pytest.mark.parametrize(("word", "language", "read"), [
    ("mykolaiovych", "russian", "nikolayevich"), ("mikalaevich", "russian", "nikolayevich"),
    ("oleksandrivna", "russian", "aleksandrovna"), ("ihorovych", "russian", "igorevich"),
    ("sergeyevich", "ukrainian", "serhiyovych"), ("vladimirovna", "belarusian", "uladzimirawna"),
    # patronymics every language writes with one key: no reading
    ("ivanovich", "ukrainian", None), ("pavlovych", "russian", None),
    ("viktorovych", "russian", None)])
def test_east_slavic_patronymics_as_each_language_writes_them(word, language, read):
    # (the reading is written from the given name: its key is that of the patronymic shown)
    result = east_slavic_reading(word, language)
    assert (result and token_variant_key(result)) == (read and token_variant_key(read))
    assert (token_variant_key(word) in EAST_SLAVIC_PATRONYMIC_KEYS) is (read is not None)


def test_every_given_name_an_east_slavic_reading_reads_is_listed():
    read = {word for word in ("dmitry", "stepan", "tatyana", "vladislav", "mykola", "ihar")
            if any(east_slavic_reading(word, language)
                   for language in ("russian", "ukrainian", "belarusian"))}
    assert read == {"dmitry", "stepan", "tatyana", "vladislav", "mykola", "ihar"}
    assert read <= EAST_SLAVIC_GIVEN_NAMES
    assert "dzmatra lakasanka" in name_features("Dmitry Lukashenko").read_keys


@pytest.mark.parametrize("word", sorted(EAST_SLAVIC_GIVEN_NAMES))
def test_an_east_slavic_reading_is_another_key_of_the_same_name(word):
    readings = {language: east_slavic_reading(word, language)
                for language in ("russian", "ukrainian", "belarusian")}
    read = [r for r in readings.values() if r]
    assert read and all(token_variant_key(r) != token_variant_key(word) for r in read)
    # a form is read as Russian, or Russian as the others: never both
    assert bool(readings["russian"]) != bool(readings["ukrainian"] or readings["belarusian"])


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abdeghiklmnorsvyz", min_size=1, max_size=10))
def test_east_slavic_reading_reads_only_the_listed_forms(word):
    for language in ("russian", "ukrainian", "belarusian"):
        read = east_slavic_reading(word, language)
        assert (read is None) or (word in EAST_SLAVIC_GIVEN_NAMES and read != word)
