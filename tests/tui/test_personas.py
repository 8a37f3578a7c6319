"""The TUI shows each seat's persona from the runner's `persona` events."""

from tui.model import EpisodeView
from tui.widgets import thoughts_text


def test_persona_events_become_a_personas_section_beside_the_thoughts():
    view = EpisodeView("e1", world="village")
    for seat, name, archetype in (("Ben", "jester", "court jester"), ("Ava", "old-sailor", "retired sea captain")):
        view.apply({"kind": "persona", "seat": seat, "data": {"persona": name, "archetype": archetype}})
    assert view.personas == {"Ava": "old-sailor (retired sea captain)", "Ben": "jester (court jester)"}
    text = thoughts_text(view).plain
    assert text.startswith("personas\n  Ava: old-sailor (retired sea captain)\n  Ben: jester (court jester)\n")


def test_without_personas_nothing_changes():
    assert "personas" not in thoughts_text(EpisodeView("e2", world="village")).plain
