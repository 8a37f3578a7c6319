"""Kitchen: see spec.py for its ids and env.py for its spec."""
