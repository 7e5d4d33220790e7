import pytest

from gmmatch.normalize import name_features, org_core, parse_org_name


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


@pytest.mark.parametrize("name", ["LLC", "Limited Liability Company", "Co. Ltd.", "OOO", "S.A."])
def test_a_legal_form_alone_has_no_key(name):
    assert name_features(name, "organization").key is None
    assert name_features(name, "organization").token_keys == ()


def test_legal_form_words_inside_a_name_stay():
    assert org_core("Bank of Company Town") == "bank of company town"
    assert org_core("As Safa Trading") == "as safa trading"
