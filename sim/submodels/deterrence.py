"""Coverage and deterrence fields (ODD 7, "Deterrence").

For party ``p`` and mission ``m`` the weight of ``m``'s presence is its mandate's
deterrence x ``p``'s legitimacy rating of ``m`` x a partisan factor (a force shields
the side it favours and deters the side it opposes a little more). The field
``D_p = 1 - exp(-sum_m weight x presence_m / troops_deterrence_scale)`` lowers ``p``'s
units' deliberate fire. Against a major offensive, each armed mission covers the line
by ``1 - exp(-(troops / line km) / troops_per_km_scale)``.

Rules read: ``deterrence_observe``, ``deterrence_interpose``, ``deterrence_enforce``,
``deterrence_monitor``, ``favoured_shield``, ``opposed_deterrence_bonus``,
``troops_deterrence_scale``, ``troops_per_km_scale``.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from ..agents import Mission, Party
    from ..model import ConflictModel


def step(model: ConflictModel) -> None:
    """Coverage and per-party deterrence fields from the missions' presence.

    Recomputed only when a deployed mission's presence or a party's respect for it
    has changed since the fields were last computed.
    """
    deployed = model.deployed_missions()
    weights = [(m, m.is_armed, tuple(weight(model, m, p) for p in model.parties))
               for m in deployed]
    if weights == model.fields_weights and all(
        m.presence is seen for m, seen in zip(deployed, model.fields_presence, strict=True)
    ):
        return
    model.coverage[:] = 0.0
    for side in model.deterrence:
        model.deterrence[side][:] = 0.0
    for mission in deployed:
        if mission.is_armed:
            model.coverage += mission.presence
    for i, party in enumerate(model.parties):
        exposure = np.zeros_like(model.coverage)
        for mission, _, w in weights:
            exposure += w[i] * mission.presence
        model.deterrence[party.side][:] = 1 - np.exp(
            -exposure / model.rules.troops_deterrence_scale
        )
    model.fields_weights = weights
    model.fields_presence = [m.presence for m in deployed]


def weight(model: ConflictModel, mission: Mission, party: Party) -> float:
    """How strongly the mission's presence deters ``party`` from firing (0..1.5)."""
    rules = model.rules
    favour = mission.favour(party)
    if favour > 0:
        partisan = 1 - rules.favoured_shield * favour
    else:
        partisan = 1 - rules.opposed_deterrence_bonus * favour
    mandate = rules.mandate_deterrence(mission.mandate)
    return mandate * model.party_legitimacy(party, mission) * partisan


def line_cover(model: ConflictModel, mission: Mission) -> float:
    """Cover of the whole contact line by the mission's personnel (0..1)."""
    per_km = mission.personnel / model.line_km
    return 1 - math.exp(-per_km / model.rules.troops_per_km_scale)


def offensive_deterrence(model: ConflictModel, party: Party) -> float:
    """Deterrence of a major offensive by ``party`` from all armed missions (0..1)."""
    undeterred = 1.0
    for mission in model.deployed_missions():
        if mission.is_armed:
            undeterred *= 1 - line_cover(model, mission) * min(1.0, weight(model, mission, party))
    return 1 - undeterred
