"""Run by path, a bench script has bench/ first on sys.path, where mcp.py and tui.py (named by the issues)
would shadow the real `mcp` and `tui` packages. Every bench script imports this module first."""

import os
import sys

_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [os.path.dirname(_HERE)] + [p for p in sys.path if os.path.abspath(p or ".") != _HERE]
