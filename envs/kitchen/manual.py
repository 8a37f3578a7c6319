"""The rules a chef needs, as markdown (served as `rules://kitchen`)."""

from envs.kitchen.layout import LAYOUTS
from envs.kitchen.requests import FOLLOW_WINDOW
from envs.kitchen.state import CHAT_LIMIT, CLASSIC, ORDERS

_RECIPES = "; ".join(f"{r.name} soup = {' + '.join(r.ingredients)} ({r.reward} pts)" for r in ORDERS.recipes.values())

RULES_TEXT = f"""# Kitchen

Two (or more) chefs share one kitchen and one team score. Every tick each chef makes one move:
`up`, `down`, `left`, `right` (turn that way and step if the tile there is free floor), `pass` (stand still;
`stay` still works), or `interact` (use the tile you face). `say <text>` talks to your partner (up to
{CHAT_LIMIT} characters; longer is cut) and does not use your move. A chef who sends nothing stays. Chefs never walk
through counters or each other: two chefs stepping into one cell, or swapping places, both stay.

**Tiles**: `.` floor, `#` counter (holds one item), `O`/`T`/`L` onion/tomato/lettuce crate, `D` plates,
`P` pot, `S` serving window, `C` cutting board, `B` bin, `E` the extinguisher's counter. Interact with
empty hands to take from a crate or counter; with something in hand to put it on a free counter.

## classic (as Overcooked-AI)
Put three onions in a pot: it cooks by itself for {CLASSIC.cook_time} ticks. Take a plate, interact with the
cooked pot to get `onion soup`, bring it to the window: +{CLASSIC.recipes['onion'].reward}.
The game lasts {CLASSIC.ticks} ticks. T, L, C, B and E tiles are plain counters.

## orders
Ingredients go in a pot chopped: put a raw one on a cutting board and interact {ORDERS.chop_steps} times,
then take the chopped one. Soups: {_RECIPES}. A pot with three ingredients starts cooking by itself; with two,
interact with empty hands to start it. Cooking takes {ORDERS.cook_time} ticks; a cooked soup left in its
pot {ORDERS.burn_after} ticks more catches fire (-{ORDERS.fire_penalty}; the pot is lost until someone brings the
extinguisher and interacts with it). Up to {ORDERS.max_orders} orders are open at once, each with a deadline;
serving a soup an order wants pays its points (+{ORDERS.tip} tip with half its time or more left); an order
that expires costs {ORDERS.expire_penalty}. Other soups pay nothing (bin them). The game lasts {ORDERS.ticks} ticks
(100 s at 10 Hz in real time).

## Chat
`say please chop the onions` asks your partner for something; a request a partner then carries out (within
{FOLLOW_WINDOW} ticks) counts as an instruction followed. Answers (`ok`, `sure`, ...) are not requests.

## Clocks
`lockstep`: the tick plays when every chef has sent a move. `realtime`: ticks come at `tick_hz` whether or not
you have moved; your latest move before a tick is the one played (a newer one replaces an unplayed one).

Layouts: {', '.join(LAYOUTS)}.
"""
