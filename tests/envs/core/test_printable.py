"""printable's fast path keeps its meaning: text of printable ASCII comes back as is, anything else is mapped."""

from __future__ import annotations

import string

from hypothesis import given
from hypothesis import strategies as st

from envs.core.text import printable

CHARS = string.printable + "\x00\x07\x1b\x7f\u2014\u00e9\u201c\u2019"


@given(st.text(alphabet=CHARS, max_size=40))
def test_printable_returns_printable_text_unchanged_and_maps_the_rest(text: str) -> None:
    out = printable(text)
    assert set(out) <= set(string.printable)
    if set(text) <= set(string.printable):
        assert out == text
    else:
        assert len(out) == len(text) and out != text
