"""Forge's registry entry (plain data: importing it loads none of Forge's rules)."""

FORGE = {
    "name": "forge",
    "summary": "RPG crafting: gather, craft, equip and fight through a seeded recipe tree (9 tiers).",
    "frames": "envs.forge.frames",
    "entry_point": "envs.forge.env:ForgeEnv",
    "variants": {
        "gamehall/Forge-v0": {},
        "gamehall/ForgeLeveling-v0": {"variant": "leveling"},
        "gamehall/ForgeNoise-v0": {"variant": "noise"},
        "gamehall/ForgePlan-v0": {"mode": "plan"},
    },
}
