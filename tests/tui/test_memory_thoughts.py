"""The thoughts panel shows which memories a decision was shown (from the model_call event alone)."""

from tui.model import EpisodeView
from tui.widgets import thoughts_text


def model_call(mind: str, memory: list[dict]) -> dict:
    return {"seq": 0, "time": 0.0, "tick": 4, "kind": "model_call", "seat": "hero", "to": None,
            "data": {"mind": mind, "usage": {"tokens_in": 10, "tokens_out": 1}, "memory": memory}}


def test_a_model_call_with_memories_shows_them_under_memory():
    view = EpisodeView("e")
    view.apply(model_call("fast", [{"episode": 3, "step": 2, "line": "at home -> move market"},
                                   {"episode": 7, "step": 0, "line": "at market -> buy coal"}]))
    shown = thoughts_text(view).plain
    assert "memory" in shown and "fast recalled #3.2 (at home -> move market); #7.0 (at market -> buy coal)" in shown
    assert view.tokens == 11


def test_a_call_that_recalled_nothing_adds_no_line():
    view = EpisodeView("e")
    view.apply(model_call("fast", []))
    assert not view.mind_thoughts("memory")
