"""How views and events are written for a model."""

from agents.prompting import format_events, prompt, result_line


def test_events_read_as_one_line_each_and_chat_is_not_said_twice():
    events = [
        {"tick": 3, "kind": "action", "seat": "b", "data": {"command": "take 2"}},
        {"tick": 4, "kind": "action", "seat": "c", "data": {"command": "say hello"}},
        {"tick": 4, "kind": "chat", "seat": "c", "data": {"text": "hello", "channel": "public"}},
        {"tick": 5, "kind": "invalid_action", "seat": "a", "data": {"command": "take 9", "reason": "too many"}},
    ]
    assert format_events(events).splitlines() == ["t3 b: take 2", "t4 c says: hello", "t5 a: refused take 9 (too many)"]


def test_results_are_short_lines():
    assert result_line({"accepted": False, "reason": "no such item"}) == "refused: no such item"
    assert result_line({"macro": "fill pot", "status": "done", "steps": 6, "accepted": True}) == (
        "macro fill pot: done after 6 moves")
    macros = {"macros": [{"name": "serve", "feasible": False, "reason": "no soup"}, {"name": "wait", "feasible": True}]}
    assert result_line(macros) == "serve (not now: no soup); wait"


def test_prompt_files_fill_their_placeholders():
    text = prompt("turn", tick=7, phase="day", score=2, observation="obs", events="(none)", legal="pass", feedback="")
    assert text.startswith("Tick 7, phase day, your score 2.") and "$" not in text
