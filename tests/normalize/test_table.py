import pyarrow as pa

from gmmatch.normalize import NORMALIZED_SCHEMA, normalize_table
from gmmatch.records import build_table


def _rows(records):
    result = normalize_table(build_table(records))
    return pa.table(result.columns).to_pylist(), result


def test_columns_follow_the_schema():
    result = normalize_table(build_table([{"id": "1", "name": "Kim Jong Un"}]))
    assert list(result.columns) == NORMALIZED_SCHEMA.names
    for field in NORMALIZED_SCHEMA:
        assert result.columns[field.name].type == field.type


def test_person_row():
    rows, result = _rows([{
        "id": "31126", "name": "BORTNIKOV, Aleksandr Vasilievich",
        "aliases": ["Alexander Bortnikov"], "weak_aliases": ["Sasha"],
        "names": [{"name": "Александр Васильевич Бортников", "kind": "original_script"}],
        "dob": ["15 Nov 1951", "circa 1950"], "nationality": ["Russia"], "citizenship": ["RUS"],
        "pob": ["Perm, Russia"], "country": ["Russian Federation"],
    }])
    row = rows[0]
    assert row["name_norm"] == "aleksandr vasilievich bortnikov"
    assert row["surname_norm"] == "bortnikov"
    assert row["names_norm"][:2] == ["aleksandr vasilievich bortnikov", "alexander bortnikov"]
    assert "aleksandr vasilevich bortnikov" in row["names_norm"]  # from the Cyrillic name
    assert row["weak_names_norm"] == ["sasha"]
    # with and without the patronymic, each also written as one word (unspaced)
    assert sorted(row["name_keys"]) == ["alaxandr bartnakav", "alaxandr bartnakav vasalavac",
                                        "alaxandrbartnakav", "alaxandrvasalavacbartnakav"]
    assert row["dob_years"] == [1951, 1950]
    assert row["dob_parsed"][0] == {"year": 1951, "month": 11, "day": 15,
                                    "approximate": False, "ambiguous": False}
    assert row["dob_parsed"][1]["approximate"] is True
    assert row["nationality_codes"] == ["RU"]
    assert row["country_codes"] == ["RU"]
    assert row["abjad_skeletons"] == []  # Cyrillic writes its vowels: its keys are the usual ones
    assert result.issues == []


def test_names_in_arabic_script_get_consonant_skeletons():
    rows, _ = _rows([{"id": "1", "name": "AL-TIKRITI, Saddam Hussein",
                      "names": [{"name": "صدام حسين التكريتي", "kind": "original_script"}]},
                     {"id": "2", "name": "Saddam Hussein"}])
    # the Arabic name keeps its own (vowelless) key beside the romanized one's (spaced and
    # unspaced); an abjad name has no unspaced key: it meets romanized names part by part
    assert rows[0]["name_keys"] == ["hasin sadam takrata", "sadamhasintakrata", "hsan ltkrata sdm"]
    assert rows[0]["abjad_skeletons"] == ["sdm hsn ltkrt"]
    assert rows[1]["abjad_skeletons"] == []


def test_organization_row_and_legal_form_alone():
    rows, _ = _rows([{"id": "1", "entity_type": "organization", "name": 'OOO "Rosneft"',
                      "aliases": ["LLC"]}])
    assert rows[0]["name_keys"] == ["rasnaft"]
    assert rows[0]["legal_forms"] == ["llc"]


def test_issues_are_reported_with_row_field_value_reason_action():
    _, result = _rows([
        {"id": "a", "name": "X"},
        {"id": "b", "name": "Y", "dob": ["1974-01-32", "someday"], "nationality": ["Atlantis"],
         "addresses": [{"street": None, "city": "Sevastopol", "country": "Region: Crimea",
                        "note": None}]},
    ])
    assert (1, "dob", "1974-01-32", "impossible day 32 in 1974-01: kept year and month",
            "repaired") in result.issues
    assert (1, "dob", "someday", "cannot read date 'someday'", "kept") in result.issues
    assert (1, "nationality", "Atlantis", "unknown country", "kept") in result.issues
    assert len(result.issues) == 3


def test_empty_table():
    result = normalize_table(build_table([]))
    assert all(len(column) == 0 for column in result.columns.values())


def test_a_read_in_chunks_normalizes_a_name_once(monkeypatch):
    """A name on rows of several chunks (a common name, an alias on many rows) is normalized
    once for the whole read, and the chunks' columns are those of one read."""
    import gmmatch.normalize.table as table
    import gmmatch.records as records
    from gmmatch.records import RecordSet, Source

    rows = [{"id": str(i), "name": name} for i, name in
            enumerate(["BORTNIKOV, Aleksandr", "Kim Jong Un", "BORTNIKOV, Aleksandr"] * 4)]
    whole = RecordSet.from_rows(rows, [], Source(None, "whole", "records"))
    calls = []
    normalize_name = table._name_features
    monkeypatch.setattr(table, "_name_features",
                        lambda *args: calls.append(args) or normalize_name(*args))
    monkeypatch.setattr(records, "CHUNK_ROWS", 2)
    chunked = RecordSet.from_rows(rows, [], Source(None, "whole", "records"))
    assert sorted({args[0] for args in calls}) == ["BORTNIKOV, Aleksandr", "Kim Jong Un"]
    assert len(calls) == 2
    assert chunked.table.equals(whole.table)


def test_an_official_list_keeps_the_g_reading_of_a_q_and_no_other_reading():
    # a letter may write ق `g` or `gh` where the list writes `q` (Gais, Ghasem): the list's
    # names keep that reading, while French's `ch` for `sh` is the records' own
    table = build_table([{"id": "1", "name": "AL-KHAZALI, Qais", "aliases": ["Rachid Qais"]}])
    listed = pa.table(normalize_table(table).columns).to_pylist()[0]
    written = pa.table(normalize_table(table, asides=True).columns).to_pylist()[0]
    for row in (listed, written):
        assert {"hazala kas", "gas hazala", "gas racad"} <= set(row["name_keys"])
        # a whole name's key: the reading of a word is no other word of the name
        assert "gas" not in row["token_keys"]
    assert "kas rasad" in written["name_keys"] and "kas rasad" not in listed["name_keys"]
    assert "rasad" in written["token_keys"] and "rasad" not in listed["token_keys"]
    # and `read_keys` holds the other languages' readings alone (the q's is for either side)
    assert written["read_keys"] == ["kas rasad"] and listed["read_keys"] == []
    # with the part each reading read otherwise (Rachid's ch as sh), for its rarity
    assert written["read_sources"] == ["rasad racad"] and listed["read_sources"] == []
