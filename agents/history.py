"""A bounded conversation: the last turns verbatim, the older ones as one short summary."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from agents.prompting import prompt

MAX_SUMMARY_LINES = 30
COMPACT_SUMMARY_LINES = 10


@dataclass
class Turn:
    """One model turn: the messages it added, and a one-line account for when it falls off."""

    messages: list[dict[str, Any]]
    line: str


@dataclass
class Transcript:
    """`compact` (small local models): kept turns lose their old observation (each turn shows the whole
    current one anyway) and the summary is shorter, so prompts stay short and their prefix stays cached."""

    keep: int
    compact: bool = False
    turns: list[Turn] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)
    dropped: int = 0

    def add(self, messages: list[dict[str, Any]], line: str) -> None:
        if self.compact:
            messages = [_headline(m) for m in messages]
        self.turns.append(Turn(messages, line))
        while len(self.turns) > self.keep:
            self.summary.append(self.turns.pop(0).line)
            self.dropped += 1
        del self.summary[: -(COMPACT_SUMMARY_LINES if self.compact else MAX_SUMMARY_LINES)]

    def messages(self) -> list[dict[str, Any]]:
        """The summary (if any turn fell off) as a user message, then the kept turns verbatim."""
        kept = [m for turn in self.turns for m in turn.messages]
        if not self.summary:
            return kept
        older = self.dropped - len(self.summary)
        lines = ([f"({older} turns before these)"] if older else []) + self.summary
        return [{"role": "user", "content": prompt("llm_summary", lines="\n".join(lines))}, *kept]


def _headline(message: dict[str, Any]) -> dict[str, Any]:
    """A user turn cut to its first line (the tick and score); other messages unchanged."""
    if message.get("role") != "user" or not isinstance(message.get("content"), str):
        return message
    return {**message, "content": message["content"].split("\n", 1)[0]}
