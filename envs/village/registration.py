"""Village's registry entry (plain data: importing it loads none of Village's rules)."""

VILLAGE = {
    "name": "village",
    "summary": "Social deduction (werewolf): hidden roles, night kills, day talk and votes, 5-9 players.",
    "frames": "envs.village.frames",
    "entry_point": "envs.village.env:VillageEnv",
    "variants": {
        "gamehall/Village-v0": {},
        "gamehall/Village8-v0": {"players": 8, "wolves": 2},
    },
}
