"""Kitchen's registry entry (plain data: importing it loads none of Kitchen's rules)."""

KITCHEN = {
    "name": "kitchen",
    "summary": "Real-time cooperative cooking: two chefs, pots, orders and a clock that does not wait.",
    "frames": "envs.kitchen.frames",
    "entry_point": "envs.kitchen.env:KitchenEnv",
    "variants": {
        "gamehall/Kitchen-v0": {},
        "gamehall/KitchenOrders-v0": {"rules": "orders"},
        "gamehall/KitchenMacro-v0": {"action_level": "macro"},
    },
}
