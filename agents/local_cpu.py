"""Whether llama.cpp may use its extra CPU buffer types (weight repacking, AMX) on this machine.

llama.cpp built with GGML_NATIVE repacks weights into extra buffer types when the CPU reports AMX; in the
cloud VMs we run on that AMX path faults inside `ggml_backend_amx_mul_mat` (a native crash, no message).
The decision is made once per machine, in this order:

1. `GAMEHALL_LLAMA_EXTRA_BUFTS=0|1` forces it (for people who know their machine);
2. a remembered answer for this CPU (written when a worker crashed with extra buffer types on);
3. off where the CPU reports any AMX flag, on otherwise (repacking speeds up AVX2/AVX-512 prompt processing).

A worker that still dies with them on is restarted with them off, and that answer is remembered.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

ENV_FORCE = "GAMEHALL_LLAMA_EXTRA_BUFTS"
AMX_FLAGS = ("amx_tile", "amx_int8", "amx_bf16", "amx_fp16", "amx_complex")
CPUINFO = Path("/proc/cpuinfo")


@dataclass(frozen=True)
class BufferChoice:
    """Whether to use extra buffer types, and why (the reason goes into the worker's log)."""

    enabled: bool
    reason: str


def cpu_flags(cpuinfo: str) -> set[str]:
    """The feature flags of the first processor in a /proc/cpuinfo text (x86 `flags`, ARM `Features`)."""
    for line in cpuinfo.splitlines():
        key, _, value = line.partition(":")
        if key.strip() in ("flags", "Features"):
            return set(value.split())
    return set()


def cpu_fingerprint(cpuinfo: str) -> str:
    """A short id for this kind of CPU: its model name and flags (not its serial or speed)."""
    model = next((line.partition(":")[2].strip() for line in cpuinfo.splitlines()
                  if line.split(":")[0].strip() in ("model name", "CPU part")), "")
    key = model + "|" + " ".join(sorted(cpu_flags(cpuinfo)))
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def choose(cpuinfo: str, env: Mapping[str, str], remembered: bool | None = None) -> BufferChoice:
    """The decision for a CPU described by `cpuinfo` (see the module docstring for the order)."""
    forced = env.get(ENV_FORCE, "").strip().lower()
    if forced in ("0", "1", "false", "true", "off", "on"):
        return BufferChoice(forced in ("1", "true", "on"), f"{ENV_FORCE}={forced}")
    if remembered is not None:
        return BufferChoice(remembered, "remembered for this CPU after a crash")
    amx = sorted(cpu_flags(cpuinfo) & set(AMX_FLAGS))
    if amx:
        return BufferChoice(False, f"the CPU reports {' '.join(amx)}: llama.cpp's AMX path crashes in VMs")
    return BufferChoice(True, "no AMX flags: weight repacking on")


def forced(env: Mapping[str, str]) -> bool:
    """Whether the user set the choice (then a crash is not a reason to change it)."""
    return env.get(ENV_FORCE, "").strip() != ""


class Memory:
    """The remembered answers, one per CPU fingerprint, in the cache directory's local-model.json."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def get(self, fingerprint: str) -> bool | None:
        try:
            value = json.loads(self.path.read_text()).get(fingerprint)
        except (OSError, ValueError, AttributeError):
            return None
        return value if isinstance(value, bool) else None

    def set(self, fingerprint: str, enabled: bool) -> None:
        try:
            known = json.loads(self.path.read_text()) if self.path.exists() else {}
        except (OSError, ValueError):
            known = {}
        known = known if isinstance(known, dict) else {}
        known[fingerprint] = enabled
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(known, indent=1))
        os.replace(tmp, self.path)


def read_cpuinfo(path: Path = CPUINFO) -> str:
    try:
        return path.read_text(errors="replace")
    except OSError:
        return ""
