"""Rumours and riots (ODD 7, "Rumours and riots").

Rumours arrive at ``rumours.rate_per_year`` (scenario) in random settlements; a share
``false_share`` are false, and a false one is debunked (its effect x
``debunked_rumour_strength``) with probability ``1 - exp(-monitoring /
monitoring_scale)``. A rumour raises tension by ``rumour_tension`` within
``rumour_reach_cells``. A mixed settlement above the scenario's ``riot_threshold``
riots with probability ``riot_chance_per_step x (1 - min(1, troops within reach /
troops_to_prevent))``: civilians die (``riot_civilian_deaths x tension``), some flee,
peacekeepers there may be hurt, and tension around it goes to 1. Riot deaths are
civilian casualties but not battle deaths.

Rules read: ``rumour_tension``, ``debunked_rumour_strength``, ``rumour_reach_cells``,
``monitoring_scale`` and the monitoring weights, ``riot_chance_per_step``,
``riot_civilian_deaths``, ``riot_peacekeeper_deaths``, ``riot_displaced_share``,
``riot_reach_cells``.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from .. import fields
from . import displacement

if TYPE_CHECKING:
    from ..model import ConflictModel


def step(model: ConflictModel) -> None:
    """This step's rumours, then riots in tense mixed settlements."""
    spread_rumours(model)
    riots(model)


def spread_rumours(model: ConflictModel) -> None:
    """Rumours arriving this step, each in a random settlement."""
    rng, spec = model.rng, model.config.rumours
    settlements = model.settlements
    if not (spec.rate_per_year and len(settlements)):
        return
    for _ in range(rng.poisson(spec.rate_per_year * model.days_per_step / 365)):
        x, y = settlements[rng.integers(len(settlements))]
        false = rng.random() < spec.false_share
        spread(model, int(x), int(y), false)


def spread(model: ConflictModel, x: int, y: int, false: bool) -> None:
    """A rumour (true or false) spreads from cell (x, y); monitors may debunk a false one."""
    rules = model.rules
    strength = rules.rumour_tension
    monitored = sum(m.presence[x, y] * rules.monitoring_weight(m.mandate)
                    for m in model.deployed_missions())
    debunked = false and model.rng.random() < 1 - math.exp(-monitored / rules.monitoring_scale)
    if debunked:
        strength *= rules.debunked_rumour_strength
    reach = fields.window(model.control.shape, x, y, rules.rumour_reach_cells)
    model.tension[reach] = np.minimum(1.0, model.tension[reach] + strength)
    model.tally["rumours"] += 1
    truth = "false" if false else "true"
    ending = " and is debunked by monitors" if debunked else ""
    model.log("rumour", f"a {truth} rumour spreads from the settlement at ({x}, {y}){ending}")


def riots(model: ConflictModel) -> None:
    spec = model.config.rumours
    mixed = model.mixed_settlements
    tense = model.tension[mixed[:, 0], mixed[:, 1]] > spec.riot_threshold
    for x, y in mixed[tense]:
        troops = model.coverage[x, y]
        prevented = min(1.0, troops / spec.troops_to_prevent) if spec.troops_to_prevent else 1
        if model.rng.random() < model.rules.riot_chance_per_step * (1 - prevented):
            riot(model, int(x), int(y), troops)


def riot(model: ConflictModel, x: int, y: int, troops: float) -> None:
    rules, rng, t = model.rules, model.rng, model.tally
    t["riots"] += 1
    t["casualties_civilian"] += rng.poisson(rules.riot_civilian_deaths * model.tension[x, y])
    if troops > 0:
        t["casualties_peacekeeper"] += rng.poisson(rules.riot_peacekeeper_deaths)
    displacement.flee(model, np.array([[x, y]]), rules.riot_displaced_share)
    model.tension[fields.window(model.control.shape, x, y, rules.riot_reach_cells)] = 1.0
    model.markers.append(("riot", x, y))
    model.log("riot", f"riot in the mixed settlement at ({x}, {y})")
