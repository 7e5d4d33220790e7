"""A reproducible evaluation set: recommendation-style records made from real list entries.

    from evaluation import build_evaluation
    ev = build_evaluation(sanctions_table, seed=7)

Each *positive* record is a real list entry (a person or an organization) written the way a
recommendation list might write it: another transliteration or spelling, the name reordered, a
middle name or patronymic dropped, an alias (sometimes one the list does not carry) instead of the
primary name, typos, the date of birth cut to the year, shifted by a year, with day and month
swapped or missing, the nationality missing or written another way. The corruption mix is the
`MIX` table below and is documented in docs/benchmarks.md.

Each *negative* record is somebody who is not on the target list but looks like somebody who is:
- a real entry held out of the target list (`held_out`) that shares a surname or a given name
  with an entry left in it;
- an invented person who shares a listed person's surname, or full name, and birth year, but
  differs in a field a careful reviewer could use (another given name; or, with the same name, a
  different full date of birth and nationality). A negative that no evidence could tell apart
  from its look-alike is not generated.

Records carry their truth (`truth[record_id]` = the list id, or None) and their split: entries
whose id hashes even are for training and choosing the threshold, odd ones for reporting.
Nothing here uses gmmatch's normalizers: the corruptions are written independently of them.
"""

from __future__ import annotations

import calendar
import functools
import random
import re
import zlib
from dataclasses import dataclass, field
from datetime import date

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"]

# Probabilities of each corruption for a positive record.
MIX = {
    "name_from_alias": 0.25,          # a strong alias instead of the primary name
    "alias_unknown_to_list": 0.10,    # ...and that alias (another spelling of a name the
                                      # list keeps) removed from the list copy
    "given_first": 0.70,              # "SURNAME, Given" written "Given Surname"
    "title_case": 0.60,               # "MNANGAGWA" written "Mnangagwa"
    "respell": 0.35,                  # another romanization of the same name
    "drop_middle": 0.20,              # middle name or patronymic dropped
    "typo": 0.15,                     # one character inserted, deleted, replaced or swapped
    "native_script": 0.05,            # Cyrillic for Russian-looking names (persons)
    "dob_missing": 0.20,
    "dob_year_only": 0.20,
    "dob_shift_year": 0.05,
    "dob_swap_day_month": 0.04,
    "dob_circa": 0.04,
    "nationality_missing": 0.40,
}

# Other romanizations met in practice: (pattern, replacement) applied to lower-case text.
# Written from transliteration tables (BGN/PCGN, German and French usage, scholarly Arabic),
# independently of gmmatch's own variant key.
RESPELLINGS = [
    (r"ks", "x"), (r"x", "ks"), (r"iy\b", "y"), (r"y\b", "iy"), (r"ii\b", "iy"),
    (r"ye", "e"), (r"yu", "iu"), (r"ya", "ia"), (r"kh", "h"), (r"zh", "j"), (r"ch", "tch"),
    (r"sh", "ch"), (r"v", "w"), (r"ov\b", "off"), (r"ou", "u"), (r"u", "ou"),
    (r"q", "k"), (r"dh", "d"), (r"ph", "f"), (r"ei", "ey"), (r"j", "dj"), (r"ie", "ye"),
    (r"\bmuhammad\b", "mohammed"), (r"\bmohammed\b", "muhammad"), (r"\bmohammad\b", "mohamed"),
    (r"\bal-", "el-"), (r"\bal ", "al-"), (r"\babdul ", "abd al-"), (r"\babd al-", "abdul "),
    (r"([bcdfgklmnprst])\1", r"\1"), (r"([lmnrst])([aeiou])", r"\1\1\2"),
]

_CYRILLIC = [
    ("shch", "щ"), ("yo", "ё"), ("zh", "ж"), ("kh", "х"), ("ts", "ц"), ("ch", "ч"), ("sh", "ш"),
    ("yu", "ю"), ("ya", "я"), ("iy", "ий"), ("yy", "ый"), ("ye", "е"), ("a", "а"), ("b", "б"),
    ("v", "в"), ("g", "г"), ("d", "д"), ("e", "е"), ("z", "з"), ("i", "и"), ("y", "ы"),
    ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"), ("r", "р"),
    ("s", "с"), ("t", "т"), ("u", "у"), ("f", "ф"), ("c", "к"), ("h", "х"), ("j", "дж"),
    ("w", "в"), ("x", "кс"), ("q", "к"),
]
_RUSSIAN_LOOKING = re.compile(r"(ov|ev|in|sky|skiy|enko|vich|vna|ova|eva|ina)\b", re.IGNORECASE)

NATIONALITY_FORMS = {  # other ways a recommendation list writes a country
    "Russia": ["Russian Federation", "Russian", "RU"],
    "Iran": ["Iranian", "Islamic Republic of Iran", "IR"],
    "Korea, North": ["North Korea", "DPRK", "KP"],
    "China": ["Chinese", "People's Republic of China", "CN"],
    "Syria": ["Syrian", "Syrian Arab Republic", "SY"],
    "Venezuela": ["Venezuelan", "VE"],
    "Zimbabwe": ["Zimbabwean", "ZW"],
    "Burma": ["Myanmar", "Burmese", "MM"],
    "Nicaragua": ["Nicaraguan", "NI"],
    "Iraq": ["Iraqi", "IQ"],
    "Lebanon": ["Lebanese", "LB"],
    "Mexico": ["Mexican", "MX"],
    "Colombia": ["Colombian", "CO"],
    "Cuba": ["Cuban", "CU"],
    "Ukraine": ["Ukrainian", "UA"],
    "Belarus": ["Belarusian", "BY"],
    "Afghanistan": ["Afghan", "AF"],
    "Pakistan": ["Pakistani", "PK"],
    "Turkey": ["Turkish", "Türkiye", "TR"],
    "United Arab Emirates": ["Emirati", "UAE", "AE"],
    "Saudi Arabia": ["Saudi", "SA"],
    "Guatemala": ["Guatemalan", "GT"],
    "South Sudan": ["South Sudanese", "SS"],
    "Congo, Democratic Republic of the": ["DR Congo", "Democratic Republic of the Congo", "CD"],
}

#: Common given names for invented look-alikes, each with its other spellings and cognates: an
#: invented "Mohammed X" is no fair negative for a listed "Muhammad X", nor "Yusuf X" for
#: "Joseph X" (one name in two languages); a reviewer could not tell them apart either.
COMMON_GIVEN = {
    "Mohammed": ["Muhammad", "Mohammad", "Mohamed", "Mohamad", "Muhammed", "Mohamud", "Mehmet",
                 "Mohd", "Mouhamed", "Muhamad"],
    "Ali": ["Aly", "Alee"],
    "Ahmad": ["Ahmed", "Ahmet", "Akhmed", "Akhmad"],
    "Hassan": ["Hasan", "Hassane", "Hacen"],
    "Ivan": ["Iwan", "Ioann", "Jan", "John", "Juan", "Johann", "Yahya", "Yohannes"],
    "Sergey": ["Sergei", "Serhiy", "Sergiy", "Serguei"],
    "Alexander": ["Aleksandr", "Alexandr", "Oleksandr", "Aleksander", "Alexandre", "Iskandar",
                  "Iskander", "Sikandar"],
    "Dmitry": ["Dmitri", "Dmitriy", "Dmytro", "Dimitri", "Dimitrios"],
    "Jose": ["Josef", "Joseph", "Yusuf", "Yousef", "Youssef", "Yosef", "Iosif", "Osip"],
    "Juan": ["John", "Jan", "Ivan", "Johann", "Yahya", "Joao"],
    "Carlos": ["Carl", "Karl", "Charles"],
    "Maria": ["Mariya", "Marie", "Mariam", "Maryam", "Miriam", "Mary"],
    "Kim": [],
    "Li": ["Lee", "Ri", "Yi", "Rhee"],
    "Wei": ["Way"],
    "Andrei": ["Andrey", "Andriy", "Andrew", "Andreas", "Andre", "Andres"],
    "Nikolai": ["Nikolay", "Mykola", "Nicolas", "Nicholas", "Nikola"],
    "Abdul": ["Abd", "Abdel", "Abdol", "Abdal", "Abdoul", "Abdu"],
    "Omar": ["Umar", "Omer", "Umer"],
    "Yusuf": ["Yousef", "Youssef", "Yusef", "Yosef", "Joseph", "Jose", "Josef", "Iosif"],
    "Elena": ["Yelena", "Olena", "Helen", "Helena", "Alena", "Ilena"],
    "Olga": ["Olha", "Helga"],
    "Fatima": ["Fatma", "Fatemeh", "Fatimah"],
    "Ibrahim": ["Ebrahim", "Abraham", "Brahim", "Ibragim", "Avraham"],
    "Mikhail": ["Mykhailo", "Michael", "Mikael", "Mikail", "Michel", "Mihail"],
}
OTHER_NATIONALITIES = ["France", "Brazil", "India", "Kenya", "Canada", "Japan", "Argentina",
                       "Ghana", "Norway", "Peru", "Indonesia", "Portugal"]


@dataclass
class Evaluation:
    """Records to link, the list to link them to, and the truth."""

    records: list[dict]
    target: list[dict]
    truth: dict[str, str | None]
    split: dict[str, str]                 # record id -> "train" | "test"
    corruptions: dict[str, list[str]] = field(default_factory=dict)

    def ids(self, split: str) -> set[str]:
        return {rid for rid, s in self.split.items() if s == split}


def split_of(list_id: str) -> str:
    """Train on even-hashing entries, report on odd ones: stable across runs and lists."""
    return "train" if zlib.crc32(list_id.encode()) % 2 == 0 else "test"


def build_evaluation(
    entries: list[dict],
    *,
    seed: int = 7,
    positives: int = 4000,
    held_out: int = 1500,
    invented: int = 1500,
    entity_types: tuple[str, ...] = ("person", "organization"),
) -> Evaluation:
    """An evaluation set from canonical list rows (`RecordSet.table.to_pylist()`).

    `positives` entries are written as recommendation records; `held_out` entries sharing a name
    part with another entry are removed from the target and written as negatives; `invented`
    look-alikes of listed persons are added as negatives.
    """
    rng = random.Random(seed)
    pool = [e for e in entries if e["entity_type"] in entity_types and e.get("name")]
    pool.sort(key=lambda e: e["id"])
    by_part: dict[str, list[dict]] = {}
    for entry in pool:
        for part in _name_parts(entry):
            by_part.setdefault(part, []).append(entry)

    # Held-out look-alikes: entries sharing a surname or given name with another entry, but
    # none that a careful reviewer could not tell from an entry left in the list (OFAC lists
    # some people twice, and namesakes without dates are indistinguishable).
    index = _look_alike_index(pool)
    shared = [e for e in pool if any(len(by_part[p]) > 1 for p in _name_parts(e))]
    rng.shuffle(shared)
    held: dict[str, dict] = {}
    for entry in shared:
        if len(held) == held_out:
            break
        twins = _look_alikes(entry, index)
        if all(_distinguishable(entry, twin) for twin in twins.values()):
            held[entry["id"]] = entry
    target = [dict(e) for e in pool if e["id"] not in held]
    rng.shuffle(target_order := list(range(len(target))))
    chosen = [target[i] for i in target_order[:positives]]

    records, truth, split, corruptions = [], {}, {}, {}
    for entry in chosen:
        record, applied, dropped_alias = _positive(entry, rng)
        if dropped_alias:
            entry["names"] = [n for n in entry.get("names") or [] if n["name"] != dropped_alias]
            entry["aliases"] = [a for a in entry.get("aliases") or [] if a != dropped_alias]
        rid = f"pos-{entry['id']}"
        record["id"] = rid
        records.append(record)
        truth[rid] = entry["id"]
        split[rid] = split_of(entry["id"])
        corruptions[rid] = applied
    for entry in held.values():
        record, applied, _ = _positive(entry, rng, keep_evidence=True)
        rid = f"neg-held-{entry['id']}"
        record["id"] = rid
        records.append(record)
        truth[rid] = None
        split[rid] = split_of(entry["id"])
        corruptions[rid] = ["held_out", *applied]
    persons = [e for e in target if e["entity_type"] == "person" and e.get("surname")]
    for n in range(invented):
        model = rng.choice(persons)
        record, applied = _invented(model, rng)
        if record is None or _looks_listed(record, index, held):
            continue
        rid = f"neg-inv-{n}"
        record["id"] = rid
        records.append(record)
        truth[rid] = None
        split[rid] = split_of(model["id"])
        corruptions[rid] = applied
    return Evaluation(records, target, truth, split, corruptions)


def _all_names(entry: dict) -> list[str]:
    return [entry["name"], *(entry.get("aliases") or [])]


# Legal-form words a company's names write either way: HUBEI VAST CHEMICAL CO., LIMITED has the
# alias HANHONG MEDICINE TECHNOLOGY HUBEI CO., LIMITED, which another entry writes CO., LTD.
# (until 2026-12-02 that entry was held out, a negative nothing could tell from the first).
_FORM_WORDS = {"LIMITED": "LTD", "COMPANY": "CO", "CORPORATION": "CORP",
               "INCORPORATED": "INC"}


@functools.cache  # look-alike searches test the same names again and again (minutes at 1M)
def _plain(name: str) -> frozenset:
    """The words of a name, whatever their order, case and punctuation, and legal-form words
    however abbreviated (`_FORM_WORDS`)."""
    return frozenset(_FORM_WORDS.get(w, w) for w in re.sub(r"[^\w\s]", " ", name.upper()).split())


def _look_alike_index(entries: list[dict]) -> dict:
    """What `_look_alikes` searches `entries` by: the entries carrying each word, and those
    whose names have each word for their rarest."""
    by_word: dict[str, list[dict]] = {}
    for entry in entries:
        for word in {w for name in _all_names(entry) for w in _plain(name)}:
            by_word.setdefault(word, []).append(entry)

    def rarest(words: frozenset) -> str:
        # (a word no entry carries, an invented record's given name, is the rarest of all)
        return min(words, key=lambda w: (len(by_word.get(w, ())), w))

    by_rarest: dict[str, list[dict]] = {}
    for entry in entries:
        for name in _all_names(entry):
            if words := _plain(name):
                by_rarest.setdefault(rarest(words), []).append(entry)
    return {"by_word": by_word, "by_rarest": by_rarest, "rarest": rarest}


def _look_alikes(entry: dict, index: dict) -> dict[str, dict]:
    """Other entries with a name whose words all stand in one of `entry`'s names, or the
    reverse: "Mohamed Mire" and "Mohamed Mire Ali Yusuf" may be one person."""
    by_word, by_rarest, rarest = index["by_word"], index["by_rarest"], index["rarest"]
    names = [_plain(n) for n in _all_names(entry)]
    # a name inside another shares that name's rarest word with it
    candidates = [o for n in names if n for o in by_word.get(rarest(n), ())]
    candidates += [o for n in names for w in n for o in by_rarest.get(w, ())]
    found = {}
    for other in candidates:
        if other["id"] == entry["id"] or other["id"] in found:
            continue
        if any(a <= b or b <= a for a in names if a
               for b in map(_plain, _all_names(other)) if b):
            found[other["id"]] = other
    return found


def _looks_listed(record: dict, index: dict, held: dict[str, dict]) -> bool:
    """Whether an invented look-alike is a look-alike of some entry left on the list that no
    field tells apart: another given name drawn for *GUSEV, Sergei* (born 1976) may be Dmitry,
    and *GUSEV, Dmitry Vladimirovich*, born 1976 too, is on the list (until 2026-12-02 such
    records were negatives)."""
    candidate = {**record, "id": ""}
    return any(not _distinguishable(candidate, twin)
               for twin_id, twin in _look_alikes(candidate, index).items() if twin_id not in held)


def _distinguishable(a: dict, b: dict) -> bool:
    """Whether two entries with a name in common differ in a field a reviewer could use."""
    if a["entity_type"] != b["entity_type"]:
        return True
    nat_a = set(a.get("nationality") or []) | set(a.get("citizenship") or [])
    nat_b = set(b.get("nationality") or []) | set(b.get("citizenship") or [])
    return bool(_dates_conflict(a.get("dob") or [], b.get("dob") or [])
                or (nat_a and nat_b and not nat_a & nat_b))


def _dates_conflict(a: list[str], b: list[str]) -> bool:
    """Whether no date of birth of `a` could be one of `b`'s, both sides having one: `1950`
    and `12 Mar 1950` could (a reviewer cannot tell two people apart by them), `1950` and
    `1951` could not, nor could `circa 1950` and `1953` (circa: a year either way). `01 Jan
    1950` is the year 1950: lists write it where only the year is known (197 of the 2024 SDN
    list's 6,263 exact dates, where 17 would be), so it does not tell `12 Mar 1950` apart."""
    windows_a, windows_b = _windows(a), _windows(b)
    return bool(windows_a and windows_b) and not any(
        start_a <= end_b and start_b <= end_a
        for start_a, end_a in windows_a for start_b, end_b in windows_b)


def _windows(dobs: list[str]) -> list[tuple[date, date]]:
    """The first and last day each listed date of birth can mean (read here, not by gmmatch's
    parser: the evaluation does not lean on what it evaluates)."""
    windows = []
    for dob in dobs:
        ends = [_days(m) for m in _DOB.finditer(dob) if 1800 <= int(m["year"]) <= 2100]
        if ends:
            slack = 1 if "circa" in dob.lower() else 0
            windows.append((_years_later(ends[0][0], -slack), _years_later(ends[-1][1], slack)))
    return windows


def _years_later(day: date, years: int) -> date:
    return day.replace(year=day.year + years, day=min(day.day, 28) if day.month == 2 else day.day)


def _days(match: re.Match) -> tuple[date, date]:
    year = int(match["year"])
    if not match["mon"] or match["mon"] not in MONTHS:
        return date(year, 1, 1), date(year, 12, 31)
    month = MONTHS.index(match["mon"]) + 1
    if match["day"] and (month, int(match["day"])) == (1, 1):   # the year written as a date
        return date(year, 1, 1), date(year, 12, 31)
    if match["day"]:
        day = min(int(match["day"]), calendar.monthrange(year, month)[1])
        return date(year, month, day), date(year, month, day)
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _name_parts(entry: dict) -> list[str]:
    name = entry["name"].upper()
    if "," in name:
        surname, given = name.split(",", 1)
        return [("S", surname.strip()), *[("G", g) for g in given.split()[:1]]]
    return [("W", w) for w in name.split()[:1]]


def _positive(entry: dict, rng: random.Random, *,
              keep_evidence: bool = False) -> tuple[dict, list[str], str | None]:
    """A record written from `entry`. With `keep_evidence` (held-out negatives), the date of
    birth and nationality that tell it from its look-alikes are kept as listed."""
    applied: list[str] = []
    name = entry["name"]
    dropped_alias = None
    aliases = list(entry.get("aliases") or [])
    if aliases and rng.random() < MIX["name_from_alias"]:
        name = rng.choice(aliases)
        applied.append("name_from_alias")
        # Only an alias that is another spelling of a name the list keeps (a word in common)
        # may be taken off the list: a translation or an acronym alone could not be found.
        others = [n for n in _all_names(entry) if n != name]
        if (rng.random() < MIX["alias_unknown_to_list"] / MIX["name_from_alias"]
                and any(_plain(name) & _plain(o) for o in others)):
            dropped_alias = name
            applied.append("alias_unknown_to_list")
    person = entry["entity_type"] == "person"
    name, steps = _rewrite_name(name, person, rng)
    applied += steps
    record = {"name": name, "entity_type": entry["entity_type"]}
    if person and keep_evidence:
        if entry.get("dob"):
            record["dob"] = list(entry["dob"])
    elif person:
        dob, steps = _rewrite_dob(entry.get("dob") or [], rng)
        applied += steps
        if dob:
            record["dob"] = [dob]
    nationality = list(entry.get("nationality") or []) + list(entry.get("citizenship") or [])
    if keep_evidence and nationality:
        record["nationality"] = nationality
    elif nationality and rng.random() >= MIX["nationality_missing"]:
        country = rng.choice(nationality)
        forms = NATIONALITY_FORMS.get(country)
        record["nationality"] = [rng.choice([country, *forms]) if forms else country]
    else:
        applied.append("nationality_missing")
    return record, applied, dropped_alias


# The first words of Arabic compound given names, which never stand alone: `'Abd al-Wahhab`,
# `Abdul Samad`, `Abu Bakr`, `Nur al-Din` are one name each, and dropping the middle names
# keeps them whole.
_COMPOUND_HEAD = re.compile(r"^'?(?:abd|abdu|abdo|abdul|abdel|abdal|abdur|abu|abou|abul)$",
                            re.IGNORECASE)
_ARTICLE = re.compile(r"^(?:al|el|ul|ad|ar|as|ash|at|az|an|ed|er|es|ud|ur|us)$", re.IGNORECASE)


def _first_name_words(given_parts: list[str]) -> int:
    """How many of the given names' words make the first given name."""
    if not _COMPOUND_HEAD.match(given_parts[0]):
        return 1
    words = 2 if len(given_parts) > 2 and _ARTICLE.match(given_parts[1]) else 1
    return min(words + 1, len(given_parts))


def _rewrite_name(name: str, person: bool, rng: random.Random) -> tuple[str, list[str]]:
    applied = []
    if person and "," in name:
        surname, given = (p.strip() for p in name.split(",", 1))
        given_parts = given.split()
        if len(given_parts) > 1 and rng.random() < MIX["drop_middle"]:
            first = _first_name_words(given_parts)
            if first < len(given_parts):
                given_parts = given_parts[:first]
                applied.append("drop_middle")
        if rng.random() < MIX["given_first"]:
            name = " ".join([*given_parts, surname])
            applied.append("given_first")
        else:
            name = f"{surname}, {' '.join(given_parts)}"
    if person and _RUSSIAN_LOOKING.search(name) and rng.random() < MIX["native_script"]:
        return _to_cyrillic(name), [*applied, "native_script"]
    if rng.random() < MIX["respell"]:
        respelled = _respell(name, rng)
        if respelled != name:
            name = respelled
            applied.append("respell")
    if rng.random() < MIX["typo"] and len(name) > 6:
        name = _typo(name, rng)
        applied.append("typo")
    if rng.random() < MIX["title_case"]:
        name = name.title() if name.isupper() else name
        applied.append("title_case")
    return name, applied


def _respell(name: str, rng: random.Random) -> str:
    lower = name.lower()
    candidates = [(p, r) for p, r in RESPELLINGS if re.search(p, lower)]
    rng.shuffle(candidates)
    for pattern, replacement in candidates[: rng.randint(1, 2)]:
        lower = re.sub(pattern, replacement, lower, count=1)
    return lower.upper() if name.isupper() else lower.title()


def _typo(name: str, rng: random.Random) -> str:
    letters = [i for i, ch in enumerate(name) if ch.isalpha()]
    i = rng.choice(letters[1:-1] or letters)
    kind = rng.choice(["insert", "delete", "replace", "swap"])
    ch = rng.choice("aeioulnrst")
    ch = ch.upper() if name[i].isupper() else ch
    if kind == "insert":
        return name[:i] + ch + name[i:]
    if kind == "delete":
        return name[:i] + name[i + 1:]
    if kind == "replace":
        return name[:i] + ch + name[i + 1:]
    if i + 1 < len(name):
        return name[:i] + name[i + 1] + name[i] + name[i + 2:]
    return name


def _to_cyrillic(name: str) -> str:
    words = []
    for word in re.sub(r",", "", name).lower().split():
        out, i = "", 0
        while i < len(word):
            for latin, cyr in _CYRILLIC:
                if word.startswith(latin, i):
                    out += cyr
                    i += len(latin)
                    break
            else:
                out += word[i]
                i += 1
        words.append(out.capitalize())
    return " ".join(words)


# A date as the SDN list writes one (`10 Dec 1948`, `Sep 1938`, `1946`): a whole value
# (`fullmatch`), or each end of its ranges (`finditer`: `01 Jan 1961 to 31 Dec 1962`,
# `circa 1979-1982`).
_DOB = re.compile(r"(?:(?P<day>\d{1,2}) )?(?:(?P<mon>[A-Z][a-z]{2}) )?(?P<year>\d{4})")


def _rewrite_dob(dobs: list[str], rng: random.Random) -> tuple[str | None, list[str]]:
    parsed = [m for m in (_DOB.fullmatch(d.strip()) for d in dobs) if m]
    if not parsed or rng.random() < MIX["dob_missing"]:
        return None, ["dob_missing"]
    match = rng.choice(parsed)
    year = int(match["year"])
    month = MONTHS.index(match["mon"]) + 1 if match["mon"] else None
    day = int(match["day"]) if match["day"] else None
    applied = []
    roll = rng.random()
    if roll < MIX["dob_year_only"]:
        month = day = None
        applied.append("dob_year_only")
    elif roll < MIX["dob_year_only"] + MIX["dob_shift_year"]:
        year += rng.choice([-1, 1])
        applied.append("dob_shift_year")
    elif roll < MIX["dob_year_only"] + MIX["dob_shift_year"] + MIX["dob_circa"]:
        applied.append("dob_circa")
        return f"circa {year}", applied
    elif (day and month and day <= 12 and day != month
          and roll < sum(MIX[k] for k in ("dob_year_only", "dob_shift_year", "dob_circa",
                                           "dob_swap_day_month"))):
        day, month = month, day
        applied.append("dob_swap_day_month")
    return _format_date(year, month, day, rng), applied


def _format_date(year: int, month: int | None, day: int | None, rng: random.Random) -> str:
    if month is None:
        return str(year)
    if day is None:
        return rng.choice([f"{MONTH_NAMES[month - 1]} {year}", f"{year}-{month:02d}"])
    return rng.choice([
        f"{year}-{month:02d}-{day:02d}",
        f"{day:02d}/{month:02d}/{year}",
        f"{day:02d}.{month:02d}.{year}",
        f"{day} {MONTH_NAMES[month - 1]} {year}",
        f"{MONTH_NAMES[month - 1]} {day}, {year}",
    ])


def _invented(model: dict, rng: random.Random) -> tuple[dict | None, list[str]]:
    """A look-alike of a listed person that a careful reviewer could still tell apart."""
    surname = model["surname"].title()
    given = (model.get("given_names") or "").split()
    dobs = [m for m in (_DOB.fullmatch(d.strip()) for d in model.get("dob") or []) if m]
    year = int(dobs[0]["year"]) if dobs else rng.randint(1945, 1990)
    listed_countries = set(model.get("nationality") or []) | set(model.get("citizenship") or [])
    if (rng.random() < 0.6 or not dobs or not all(m["day"] for m in dobs)
            or not listed_countries):
        # another given name, same surname and birth year
        # a given name that none of the person's names carries
        words = {w for n in _all_names(model) for w in _plain(n)}
        other = rng.choice([g for g, spellings in COMMON_GIVEN.items()
                            if not {s.upper() for s in (g, *spellings)} & words])
        record = {"name": f"{other} {surname}", "dob": [str(year)], "entity_type": "person"}
        return record, ["invented", "same_surname_and_year"]
    # the same full name, but another full date of birth and another nationality
    day, month = rng.randint(1, 28), rng.randint(1, 12)
    listed = {(int(m["day"]), MONTHS.index(m["mon"]) + 1) for m in dobs if m["mon"]}
    if (day, month) in listed or (month, day) in listed:
        return None, []
    country = rng.choice([c for c in OTHER_NATIONALITIES if c not in listed_countries])
    record = {
        "name": " ".join([*given, surname]),
        "dob": [_format_date(year + rng.choice([-7, -4, 3, 6]), month, day, rng)],
        "nationality": [country],
        "entity_type": "person",
    }
    return record, ["invented", "same_name_other_dob_and_nationality"]
