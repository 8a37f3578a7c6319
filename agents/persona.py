"""What a model seat does beyond its moves: play its persona card, report beliefs when the server asks
(`beliefs_due`), say something when it may speak, and reflect once the game is over (`reflection_due`).
The texts are prompt files (agents/prompts/persona.md, beliefs.md, speech.md, reflection.md)."""

from __future__ import annotations

from typing import Any

from agents.model import ModelClient
from agents.prompting import prompt
from agents.seat import SeatClient, ToolRefused
from agents.tools import forced, function_tool, text_tool

SAY = "say <text>"
MAX_SPEECH = 500


def persona_text(card: dict[str, Any] | None) -> str:
    """The card as the system prompt's persona section ("" without a card)."""
    if not card:
        return ""
    style = card["speaking_style"]
    return prompt("persona", card_name=card["name"], archetype=card["archetype"], backstory=card["backstory"],
                  register=style["register"], verbosity=style["verbosity"],
                  catchphrases=" / ".join(f'"{c}"' for c in style["catchphrases"]),
                  lexicon=", ".join(style["lexicon"]), avoids=", ".join(style.get("avoids") or ["nothing"]),
                  reasoning=card["reasoning_style"], risk=card["risk_appetite"])


def _probability(value: Any) -> float:
    """A model's number as a probability: 0-1 kept, 0-100 read as percent, the rest clamped."""
    number = float(value)
    if number > 1.0:
        number = number / 100.0 if number <= 100.0 else 1.0
    return round(min(1.0, max(0.0, number)), 4)


async def report_beliefs(model: ModelClient, seat: SeatClient, system: str, view: dict[str, Any]) -> None:
    """One forced call with a number per player the server names; the reply goes to report_beliefs."""
    targets = list(view.get("belief_targets") or [])
    tool = next((t for t in await seat.tools() if t.name == "report_beliefs"), None)
    if not targets or tool is None:
        return
    parameters = {"type": "object", "required": targets,
                  "properties": {t: {"type": "number", "description": f"0 to 1 for {t}"} for t in targets}}
    user = prompt("beliefs", observation=view.get("observation", ""), about=tool.description,
                  targets=", ".join(targets))
    reply = await model.ask([{"role": "system", "content": system}, {"role": "user", "content": user}],
                            [function_tool("report_beliefs", "Your beliefs.", parameters)], forced("report_beliefs"))
    call = next((c for c in reply.tool_calls if c.name == "report_beliefs"), None)
    if call is None:
        return
    beliefs = {t: _probability(call.args[t]) for t in targets if isinstance(call.args.get(t), int | float)}
    seat.thought("llm", f"beliefs: {beliefs}")
    try:
        await seat.call("report_beliefs", beliefs=beliefs)
    except ToolRefused as refusal:
        seat.thought("llm", f"beliefs refused: {refusal}")


async def speech(model: ModelClient, system: str, view: dict[str, Any]) -> str:
    """A free-text message for a model that only writes through forced tools (one text argument)."""
    user = prompt("speech", observation=view.get("observation", ""))
    reply = await model.ask([{"role": "system", "content": system}, {"role": "user", "content": user}],
                            [text_tool("say", "Say one message.", "text", "What you say.")], forced("say"))
    call = next((c for c in reply.tool_calls if c.name == "say"), None)
    text = str(call.args.get("text", "")) if call else (reply.text or "")
    return " ".join(text.split())[:MAX_SPEECH]


async def reflect(model: ModelClient, seat: SeatClient, system: str) -> None:
    """At the end, if the server asks for a reflection: one forced text call, sent to `reflect`."""
    try:
        view = await seat.observe()
    except ToolRefused:
        return
    if not view.get("reflection_due") or not await seat.has_tool("reflect"):
        return
    user = prompt("reflection", observation=view.get("observation", ""))
    reply = await model.ask([{"role": "system", "content": system}, {"role": "user", "content": user}],
                            [text_tool("reflect", "Your reflection.", "text", "One or two sentences.")],
                            forced("reflect"))
    call = next((c for c in reply.tool_calls if c.name == "reflect"), None)
    text = " ".join(str(call.args.get("text", "") if call else reply.text or "").split())
    if text:
        seat.thought("llm", f"reflection: {text}")
        try:
            await seat.call("reflect", text=text[:2000])
        except ToolRefused as refusal:
            seat.thought("llm", f"reflection refused: {refusal}")
