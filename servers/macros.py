"""Macro actions over MCP: a world's macro layer (the protocol in envs/core/macros.py) runs a named macro as
many atomic commands."""

from envs.core.macros import MacroLayer, MacroOption, MacroRun

__all__ = ["MacroLayer", "MacroOption", "MacroRun"]
