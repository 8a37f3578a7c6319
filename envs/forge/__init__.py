"""Forge: see registration.py for its ids and env.py for its spec."""
