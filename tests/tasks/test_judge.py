"""The persona judges: score parsing, Krippendorff's alpha, a fake litellm judge (mock_response) with
parsable and unparsable replies, and `gamehall judge` end to end on a run of persona-speaking seats."""

import json
from pathlib import Path

import pytest

from tasks.cli import main
from tasks.judge import ModelJudge, krippendorff_alpha, parse_ranking, parse_score
from tasks.persona_eval import judge_records
from tasks.store import RunStore

SUITE = """name: ptest
agents:
  - {kind: expert, persona: old-sailor}
  - {kind: expert, persona: noir-detective}
  - {kind: expert, persona: cheerful-baker}
  - {kind: expert, persona: jester}
  - {kind: expert}
tasks:
  - {name: v5, world: village, options: {players: 5}, seeds: [0, 1, 2], arena: true}
"""
RANKED = "A thoughtful critique.\nTherefore, the ranking is: A, B, C, D, E\nTherefore, the final score is 4"


@pytest.fixture(autouse=True)
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("GAMEHALL_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture
def run_dir(tmp_path) -> Path:
    suite = tmp_path / "suite.yaml"
    suite.write_text(SUITE)
    out = tmp_path / "run"
    assert main(["run", str(suite), "--out", str(out), "--display", "none"]) == 0
    return out


def test_the_final_score_line_is_parsed_and_anything_else_is_missing():
    assert parse_score("Critique...\nTherefore, the final score is 4") == 4
    assert parse_score("Therefore, the final score is 2. Later: therefore, the final score is **5**") == 5
    assert parse_score("Therefore the final score is: 3") == 3
    for reply in ("I would give it a 4.", "Therefore, the final score is 7", "", "final score 3"):
        assert parse_score(reply) is None
    assert parse_ranking("Therefore, the ranking is: C, A, B", "ABC") == ["C", "A", "B"]
    assert parse_ranking("Therefore, the ranking is: C, A", "ABC") is None


def test_krippendorff_alpha_interval():
    assert krippendorff_alpha([[1, 2], [3, 4]]) == 0.7  # D_o = 1, D_e = 40 / 12
    assert krippendorff_alpha([[5, 5], [2, 2], [4, 4]]) == 1.0
    assert krippendorff_alpha([[1, None], [None, 2]]) is None  # nothing pairable
    assert krippendorff_alpha([[3, 3, None], [1, 5, 3]]) < 0.3


def test_a_fake_litellm_judge_scores_and_unparsable_replies_are_counted_missing(run_dir):
    store = RunStore(run_dir)
    records = list(store.records.values())
    judges = [ModelJudge("openai/judge-a", mock_response=RANKED),
              ModelJudge("anthropic/judge-b", mock_response="Lovely play, I would say four out of five.")]
    judged = judge_records(records, run_dir, [], judges=judges)
    assert len(judged) == 12 and all(r.persona for r in judged)
    assert judges[0].calls == judges[1].calls == 12 * 6 and not judges[0].failures  # 5 rubrics + attribution
    for record in judged:
        score = record.persona_score
        assert score["judges"]["openai/judge-a"] == dict.fromkeys(score["by_task"], 4)
        assert set(score["judges"]["anthropic/judge-b"].values()) == {None}
        assert score["missing"] == 5 and score["score"] == 4.0 and not score["proxy"]
        llm = record.attribution["llm"]
        assert llm["anthropic/judge-b"]["rank"] is None  # no ranking line: missing, not guessed
        assert llm["openai/judge-a"]["ranking"][0] == record.attribution["candidates"][0]
        assert record.attribution["agreement"]["openai/judge-a"] == (
            record.attribution["candidates"][0] == record.attribution["offline"]["ranking"][0])


def test_gamehall_judge_offline_adds_attribution_and_a_proxy_score_and_a_persona_table(run_dir, capsys):
    capsys.readouterr()
    assert main(["judge", str(run_dir)]) == 0
    out = capsys.readouterr().out
    assert "attribution, offline: top-1 1.0" in out and "proxy judge" in out
    lines = [json.loads(line) for line in (run_dir / "episodes.jsonl").read_text().splitlines()]
    persona_seats = [r for r in lines if r["persona"]]
    assert len(persona_seats) == 12 and len(lines) == 15
    for record in persona_seats:
        assert record["attribution"]["offline"]["top1"] is True and record["attribution"]["offline"]["chance"] == 0.2
        assert record["persona_score"]["proxy"] and 1 <= record["persona_score"]["score"] <= 5
    plain = [r for r in lines if not r["persona"]]
    assert all(r["attribution"] is None and "brier" in r["metrics"] for r in plain)
    board = (run_dir / "leaderboard.md").read_text()
    assert "## Personas" in board and "| expert | old-sailor |" in board and "(proxy)" in board
    assert json.loads((run_dir / "summary.json").read_text())["personas"]


def test_records_carry_persona_and_the_judge_free_measures(run_dir):
    lines = [json.loads(line) for line in (run_dir / "episodes.jsonl").read_text().splitlines()]
    assert sorted({r["persona"] or "" for r in lines}) == ["", "cheerful-baker", "jester", "noir-detective",
                                                            "old-sailor"]
    for record in lines:
        metrics = record["metrics"]
        assert {"brier", "role_accuracy", "claim_contradictions", "ooc_rate"} <= set(metrics)
        assert metrics["ooc_rate"] in (None, 0.0) and metrics["claim_contradictions"] >= 0
    briefed = [r for r in lines if r["metrics"]["brier"] is not None]
    assert briefed, "the expert seats report their bot's beliefs at each vote"
    events = (run_dir / "events" / f"{lines[0]['metrics']['arena']}.jsonl").read_text().splitlines()
    kinds = [json.loads(e)["kind"] for e in events]
    assert kinds.count("persona") == 4 and "belief" in kinds


def test_judge_fails_in_one_line_on_a_directory_without_a_run(tmp_path, capsys):
    assert main(["judge", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "holds no episodes.jsonl" in err


def test_judge_refuses_fewer_than_two_cards_in_one_line(run_dir, capsys):
    capsys.readouterr()
    assert main(["judge", str(run_dir), "--cards", "1"]) == 2
    assert capsys.readouterr().err == "gamehall judge: --cards must be at least 2, got 1\n"
