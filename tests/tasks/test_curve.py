"""The curve's statistics on hand-made records: mean ± standard error, paired deltas, best-of-k, errors."""

from agents.memory.store import create_empty, write_episode
from tasks.curve import build_curve, mean_se, summary_markdown
from tasks.learn import Condition
from tasks.records import EpisodeRecord
from tests.agents.memory.test_store import episode


def record(seed: int, success: bool, score: float | None, status: str = "ok") -> EpisodeRecord:
    return EpisodeRecord(episode_id=f"e{seed}", task="t", world="w", seed=seed, agent={"kind": "copy"},
                         agent_label="copy", success=success, normalized_score=score, status=status)


def test_mean_and_standard_error():
    assert mean_se([0.0, 1.0, 1.0, 0.0]) == {"mean": 0.5, "se": 0.2887, "n": 4}
    assert mean_se([]) == {"mean": None, "se": None, "n": 0}


def test_points_pair_seeds_best_of_k_takes_the_best_attempt_and_errors_are_counted(tmp_path):
    empty, full = tmp_path / "empty.sqlite", tmp_path / "full.sqlite"
    create_empty(empty)
    write_episode(full, episode("a"))
    conditions = [
        Condition("empty", 0, "keep-all", str(empty), records=[record(1, False, 0.0), record(2, True, 100.0)]),
        Condition("keep-all-1", 1, "keep-all", str(full), records=[record(1, True, 100.0), record(2, True, 80.0)]),
        Condition("attempt-2", 0, "none", None, 2, [record(1, False, 50.0), record(2, False, None, "error")]),
    ]
    curve = build_curve(conditions, {"suite": "s"})
    empty_point, memory = curve["points"]
    assert empty_point["success"]["mean"] == 0.5 and memory["success"]["mean"] == 1.0
    assert memory["delta_success_vs_empty"] == {"mean": 0.5, "se": 0.5, "n": 2}
    assert memory["delta_score_vs_empty"]["mean"] == 40.0  # (100 - 0) and (80 - 100), paired by seed
    assert memory["raw_score"]["mean"] == 0.0 and curve["baselines"][0]["raw_score"]["n"] == 2
    assert memory["store_episodes"] == 1 and memory["store_wins"] == 1
    [best] = curve["baselines"]
    assert best["name"] == "best-of-2" and best["normalized_score"]["mean"] == 75.0  # max(0, 50), max(100, -)
    assert best["errors"] == 1 and "1 test game(s) ended in error" in summary_markdown(curve)
