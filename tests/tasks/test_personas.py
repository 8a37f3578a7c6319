"""Persona cards: the shipped set validates, the generator is seeded, names resolve or fail in one line."""

import pytest

from tasks.personas import PersonaCard, PersonaError, card, check_name, library, resolve
from tasks.personas.generator import generate
from tasks.suite import SuiteError, load_suite


def test_at_least_thirty_cards_ship_each_named_after_its_file_and_distinct_in_style():
    cards = library()
    assert len(cards) >= 30
    phrases = [p for c in cards.values() for p in c.speaking_style.catchphrases]
    assert len(phrases) == len(set(phrases)), "two cards share a catchphrase"
    assert {c.speaking_style.register_ for c in cards.values()} >= {"formal", "casual", "terse", "theatrical"}
    assert {c.risk_appetite for c in cards.values()} == {"low", "medium", "high"}


def test_a_card_keeps_its_public_field_names_as_plain_data():
    data = card("old-sailor").prompt_data()
    assert data["speaking_style"]["register"] == "folksy"
    assert PersonaCard.model_validate(data) == card("old-sailor")


def test_the_generator_gives_the_same_card_for_a_seed_and_others_for_other_seeds():
    assert generate(7) == generate(7) == card("gen-7")
    assert len({generate(s).model_dump_json() for s in range(20)}) == 20
    assert generate(3).name == "gen-3"


def test_random_is_a_seeded_draw_from_the_shipped_cards():
    first = resolve("random", "task", 4, 0, 1)
    assert first == resolve("random", "task", 4, 0, 1) and first.name in library()
    assert len({resolve("random", "task", seed, 0, 0).name for seed in range(40)}) > 10
    assert resolve(None) is None


def test_an_unknown_name_fails_with_a_hint():
    with pytest.raises(PersonaError, match="no persona card 'old-sailer'.*Did you mean 'old-sailor'"):
        check_name("old-sailer")


def test_a_suite_naming_an_unknown_persona_fails_at_its_line(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("name: s\ntasks:\n  - name: t\n    world: village\n    persona: nobody-at-all\n")
    with pytest.raises(SuiteError, match=r"s.yaml:5: field tasks.0.persona: .*no persona card 'nobody-at-all'"):
        load_suite(str(path))
