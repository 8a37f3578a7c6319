"""gamehall's worlds. `import envs` registers every world's Gymnasium ids under the `gamehall/` namespace."""

from envs.core.spec import WorldSpec
from envs.registry import WORLDS, register_all

register_all()

__all__ = ["WORLDS", "WorldSpec", "register_all"]
