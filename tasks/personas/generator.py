"""The seeded persona generator: a new card composed from trait pools, the same card for the same seed.

Generated cards are named `gen-SEED`; they fill tables larger than the shipped set, or give a study
personas no author chose.
"""

from __future__ import annotations

import numpy as np

from tasks.personas import PersonaCard

TRADES = {
    "ferryman": (["current", "oar", "crossing", "ford", "reeds", "mooring"], "Ferries folk across the river"),
    "miller": (["millstone", "grain", "flour", "wheel", "sack", "chaff"], "Grinds the valley's grain"),
    "potter": (["clay", "kiln", "glaze", "wheel", "shard", "vessel"], "Throws pots by the brook"),
    "cartographer": (["map", "compass", "border", "scale", "meridian", "survey"], "Draws maps of roads nobody uses"),
    "beekeeper": (["hive", "honey", "swarm", "comb", "nectar", "queen"], "Keeps forty hives on the south slope"),
    "tailor": (["seam", "thread", "hem", "needle", "stitch", "bolt"], "Mends the town's coats and gossip"),
    "astronomer": (["comet", "orbit", "telescope", "eclipse", "zenith", "star"], "Watches the sky from a tower"),
    "cook": (["broth", "ladle", "simmer", "spice", "stew", "pantry"], "Cooks for the manor"),
}
MANNERS = {
    "formal": (["Indeed.", "I must insist.", "With respect."], ["indeed", "therefore", "esteemed", "propriety"]),
    "casual": (["Sure thing.", "No big deal.", "Hang on a sec."], ["yeah", "okay", "kinda", "stuff"]),
    "folksy": (["Well, shucks.", "Mercy me.", "Bless my boots."], ["reckon", "yonder", "fixin", "folks"]),
    "terse": (["Noted.", "No.", "Next."], ["fine", "done", "enough", "move"]),
    "theatrical": (["Behold!", "Oh, the drama!", "Hark!"], ["behold", "dreadful", "splendid", "woe"]),
    "academic": (["Strictly speaking.", "In principle.", "By definition."], ["thesis", "axiom", "corollary", "rigour"]),
    "street": (["For real.", "Nah, listen.", "Watch it."], ["yo", "deadass", "grind", "legit"]),
}
REASONING = [
    "Trusts the first credible claim and sticks with it.",
    "Counts who voted with whom and follows the blocs.",
    "Doubts whoever speaks most and trusts the quiet.",
    "Weighs every claim against the deaths each night.",
    "Goes with a gut feeling and defends it loudly.",
]
VERBOSITY = ("low", "medium", "high")
RISK = ("low", "medium", "high")


def generate(seed: int) -> PersonaCard:
    """The card for `seed` (deterministic: one numpy generator, no global state)."""
    rng = np.random.default_rng(seed)
    trade = sorted(TRADES)[int(rng.integers(len(TRADES)))]
    register = sorted(MANNERS)[int(rng.integers(len(MANNERS)))]
    words, story = TRADES[trade]
    phrases, manner_words = MANNERS[register]
    catchphrases = [str(p) for p in rng.permutation(phrases)[:2]] + [f"As any {trade} knows, {words[0]} runs deep."]
    return PersonaCard(
        name=f"gen-{seed}",
        archetype=f"{register} {trade}",
        speaking_style={"register": register, "verbosity": VERBOSITY[int(rng.integers(3))],
                        "catchphrases": catchphrases, "lexicon": [*words, *manner_words],
                        "avoids": ["breaking character"]},
        reasoning_style=REASONING[int(rng.integers(len(REASONING)))],
        risk_appetite=RISK[int(rng.integers(3))],
        backstory=f"{story}; a {register} soul who came to town {int(rng.integers(2, 40))} years ago.",
    )
