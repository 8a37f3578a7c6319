"""The LLM agent: observe, think, act, with the server's tools as the model's tools.

Small local models only make tool calls when one is forced, so for them (constrained mode) each turn
forces `act` with the legal commands as an enum; larger models get every playing tool.
"""

from __future__ import annotations

import asyncio
from typing import Any

from agents.history import Transcript
from agents.loop import View, concrete, play_turns, within_limits
from agents.memory.episode import EpisodeMemory
from agents.model import Completion, ModelClient, Reply, ToolCall
from agents.persona import SAY, persona_text, reflect, report_beliefs, speech
from agents.prompting import cap, prompt, result_line, view_values
from agents.seat import AgentError, SeatClient, ToolRefused
from agents.spec import DEFAULT_MODEL, AgentSpec, Budget
from agents.tools import forced_choice, litellm_tools

READ_ONLY = frozenset({"observe", "wait_for_turn", "wait", "macros"})
MAX_CALLS_PER_TURN = 4
MAX_BACKOFF_S = 10.0
RULES_CHARS = {"compact": 1_500, "full": 12_000}


class LLMAgent:
    def __init__(self, spec: AgentSpec, *, completion: Completion | None = None, backoff_s: float = 0.5,
                 constrained: bool | None = None) -> None:
        self.spec = spec
        self.model = spec.model or DEFAULT_MODEL
        self.completion, self.backoff_s = completion, backoff_s
        self.constrained = self.model.startswith("local/") if constrained is None else constrained

    async def play(self, seat: SeatClient) -> None:
        budget = Budget(self.spec, seat)
        turn = _Turns(self, seat)
        try:
            await within_limits(seat, budget, play_turns(seat, budget, turn.decide))
            if turn.system is not None and seat.stop_reason is None:
                await within_limits(seat, budget, reflect(turn.model, seat, turn.system))
        finally:
            if turn.memory is not None:
                turn.memory.finish(self.model)


class _Turns:
    """One episode's state: the model client, the transcript, and the feedback for the next turn."""

    def __init__(self, agent: LLMAgent, seat: SeatClient) -> None:
        spec = agent.spec
        self.agent, self.seat = agent, seat
        self.model = ModelClient(agent.model, seat, "llm", completion=agent.completion,
                                 temperature=spec.temperature, seed=spec.seed, timeout_s=spec.call_timeout_s,
                                 retries=spec.retries, backoff_s=agent.backoff_s)
        compact = agent.constrained
        self.transcript = Transcript(keep=1 if compact else spec.history_turns, compact=compact)
        self.system: str | None = None
        self.feedback = ""
        self.bad_replies = 0  # in a row: replies that moved nothing the world accepted
        self.memory = EpisodeMemory.open(spec, seat)
        self.view: View = {}
        self.fresh: View | None = None  # the view the turn's last call returned, if it returned one
        self.reply_text = ""

    async def decide(self, view: View) -> View | None:
        if self.system is None:
            self.system = await self._system_prompt()
            if self.memory is not None and self.agent.spec.memory.mode == "plan":
                self.system += "\n\n" + self.memory.examples(view, "llm", "plan")
        if view.get("beliefs_due"):
            await report_beliefs(self.model, self.seat, self.system, view)
        recalled = self.memory.examples(view, "llm", "step") if self.memory and self._steps() else ""
        user = {"role": "user", "content": prompt("turn", **view_values(view, self.seat.drain_events()),
                                                  feedback=self.feedback) + (f"\n\n{recalled}" if recalled else "")}
        self.view = view
        tools, choice = await self._tools(view)
        reply = await self.model.ask([{"role": "system", "content": self.system}, *self.transcript.messages(),
                                      user], tools, choice)
        self.seat.thought("llm", reply.text or _calls_text(reply.tool_calls), moves_by="model:llm")
        self.reply_text = reply.text
        if not reply.tool_calls:
            self._no_move(user, reply)
            await self._after_bad_reply("text without a tool call")
            return None
        if self.agent.constrained and [(c.name, c.args.get("command")) for c in reply.tool_calls] == [("act", SAY)]:
            # A model that writes only through forced tools chose to speak: a second call writes the words.
            reply.tool_calls[0] = ToolCall(reply.tool_calls[0].id, "say", {"text": await speech(
                self.model, self.system, view) or "..."})
        usage = self.seat.usage
        steps, invalid = usage.steps, usage.invalid_actions
        answers, lines = await self._run_calls(reply.tool_calls)
        self.transcript.add([user, reply.message(), *answers], f"t{view.get('tick', 0)}: " + "; ".join(lines))
        if usage.steps - steps > usage.invalid_actions - invalid:
            self.bad_replies = 0
            # The last call's view is the game as it stands (bots move within the call): no observe to repeat
            # it. A model may have called several tools; without a view from the last, the loop observes afresh.
            return self.fresh
        looked = usage.steps == steps  # only looked (observe, wait): a turn spent, not a mistake
        usage.steps += looked
        usage.unplayed_steps += looked
        await self._after_bad_reply(lines[-1] if lines else "no call")
        return None  # after a pause: observe afresh

    async def _after_bad_reply(self, what: str) -> None:
        """A reply that moved nothing counts (a step, and invalid if it was wrong) and slows the next ask: a
        model that never makes a usable move cannot flood its endpoint, and stops after max_bad_replies."""
        self.bad_replies += 1
        limit = self.agent.spec.max_bad_replies
        if self.bad_replies >= limit:
            self.seat.stop_reason = "max_bad_replies"
            raise AgentError(f"the model made no usable move in {limit} replies in a row; last: {what[:200]}")
        pause = min(MAX_BACKOFF_S, self.agent.backoff_s * 2 ** (self.bad_replies - 1))
        if pause > 0:
            await asyncio.sleep(pause)

    async def _run_calls(self, calls: list[ToolCall]) -> tuple[list[dict[str, Any]], list[str]]:
        answers, lines, self.feedback = [], [], ""
        self.fresh = None
        for index, call in enumerate(calls):
            text = await self._run(call) if index < MAX_CALLS_PER_TURN else "skipped: one move per turn"
            answers.append({"role": "tool", "tool_call_id": call.id, "content": text})
            lines.append(f"{_calls_text([call])} -> {text[:80]}")
        return answers, lines

    async def _run(self, call: ToolCall) -> str:
        try:
            if call.name in READ_ONLY:
                result = await self.seat.call(call.name, **call.args)
            else:
                self.seat.usage.decided("model:llm")
                result = await self.seat.move(call.name, **call.args)
                self._remember(call, result)
        except ToolRefused as refusal:
            self.feedback = f"Your call {_calls_text([call])} failed: {refusal}"
            self.fresh = None
            return f"error: {refusal}"
        self.fresh = result if "observation" in result and "done" in result else None
        text = result_line(result)
        if result.get("accepted") is False and "macro" not in result:
            self.feedback = f"Your move {_calls_text([call])} was {text}. Pick one of the legal actions."
        return text

    def _steps(self) -> bool:
        return self.agent.spec.memory is not None and self.agent.spec.memory.mode == "step"

    def _remember(self, call: ToolCall, result: dict[str, Any]) -> None:
        if self.memory is not None:
            choice = str(call.args.get("command") or " ".join([call.name, *map(str, call.args.values())]))
            self.memory.record(self.view, call.name, call.args, choice, result, self.reply_text)

    def _no_move(self, user: dict[str, Any], reply: Reply) -> None:
        usage = self.seat.usage
        usage.steps, usage.invalid_actions = usage.steps + 1, usage.invalid_actions + 1
        usage.unplayed_steps, usage.unplayed_invalid = usage.unplayed_steps + 1, usage.unplayed_invalid + 1
        self.feedback = "You made no move. Call a tool: act with one of the legal actions."
        self.transcript.add([user, reply.message()], "no move")
        return None

    async def _tools(self, view: View) -> tuple[list[dict[str, Any]], Any]:
        if self.agent.constrained:
            speak = [SAY] if SAY in [*view["legal_actions"], *(view.get("templates") or [])] else []
            return forced_choice("act", "command", concrete(view["legal_actions"]) + speak, "Your move.")
        return litellm_tools(await self.seat.tools()), "required"

    async def _system_prompt(self) -> str:
        rules = await read_rules(self.seat)
        size = "compact" if self.agent.constrained else "full"
        system = prompt("llm_system", world=self.seat.world, seat=self.seat.seat, rules=cap(rules, RULES_CHARS[size]))
        persona = persona_text(self.agent.spec.persona_card)
        return f"{system}\n\n{persona}" if persona else system


async def read_rules(seat: SeatClient) -> str:
    """The world's rules from the server's `rules://` resource (empty if the server has none)."""
    try:
        resource = await seat.client.read_resource(f"rules://{seat.world}")
    except Exception:  # noqa: BLE001 - rules help the model; a server without them is still playable
        return ""
    return "\n".join(getattr(c, "text", "") for c in resource.contents)


def _calls_text(calls: list[ToolCall]) -> str:
    """The calls as the model is reminded of them (long arguments cut: a reminder, not a copy)."""
    return ", ".join(f"{c.name}({', '.join(f'{k}={_short(v)}' for k, v in c.args.items())})" for c in calls)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."
