"""merge_by_seq: the hidden lines a referee reads at the end go back where they happened in the log."""

from tasks.follow import merge_by_seq


def line(seq, kind="action", to=None):
    return {"seq": seq, "kind": kind, "to": to}


def test_hidden_lines_go_back_between_the_world_lines_around_them_and_the_rest_keeps_its_order():
    started, obs, frame, finished = line(-1, "run_episode_started"), line(-1, "observation"), line(-1, "frame"), \
        line(-1, "run_episode_finished")
    lines = [started, line(0), obs, line(3), frame, line(4), line(1, "role", ["a"]), line(2, "role", ["b"]),
             line(5, "pack", ["b"]), finished]
    merged = merge_by_seq(lines)
    assert [(r["seq"], r["kind"]) for r in merged] == [
        (-1, "run_episode_started"), (0, "action"), (-1, "observation"), (1, "role"), (2, "role"), (3, "action"),
        (-1, "frame"), (4, "action"), (5, "pack"), (-1, "run_episode_finished")]


def test_a_log_without_hidden_lines_is_left_as_it_is():
    lines = [line(-1, "run_episode_started"), line(0), line(1)]
    assert merge_by_seq(lines) is lines
