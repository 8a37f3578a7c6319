"""`gamehall schema events|record`, and every committed event log reading as valid lines of that schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from envs.core.schema import validate_event
from tasks.cli import main
from tasks.records import EpisodeRecord

FIXTURES = Path(__file__).resolve().parent.parent


def test_schema_events_prints_the_union_of_every_kind(capsys) -> None:
    assert main(["schema", "events"]) == 0
    schema = json.loads(capsys.readouterr().out)
    kinds = set(schema["discriminator"]["mapping"])
    assert {"action", "frame", "thought", "model_call", "run_episode_finished", "fire"} <= kinds
    assert schema["schema_version"] == 2


def test_schema_record_prints_the_episode_record(capsys) -> None:
    assert main(["schema", "record"]) == 0
    assert json.loads(capsys.readouterr().out) == EpisodeRecord.model_json_schema()


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*/fixtures/*/events/*.jsonl")), ids=lambda p: p.stem)
def test_committed_logs_are_valid_events(path: Path) -> None:
    lines = path.read_text().splitlines()
    assert lines and all(validate_event(json.loads(line)) for line in lines)


def test_a_misspelt_option_names_the_valid_keys(capsys) -> None:
    assert main(["episode", "forge", "-o", "tire=2", "--agent", "random"]) == 2
    assert capsys.readouterr().err.strip() == (
        "gamehall episode: unknown forge option 'tire'; options: tier, variant, mode. Did you mean 'tier'?")
