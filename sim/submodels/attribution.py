"""Attribution and reporting (ODD 7, "Information and attribution").

Each deployed mission detects a violation at the shooter's cell with probability
``1 - exp(-w P / monitoring_scale)`` (``P`` its personnel within reach, ``w`` its
mandate's monitoring weight) and reports it unless it favours the violator (it
reports with probability ``1 - max(0, bias toward the violator)``; a mission whose
commander withholds reports publishes none). The victim
believes a report with probability equal to its legitimacy rating of the mission. An
involuntary violation that is reported and believed is not blamed; every other
violation is blamed on the violator's side.

Rules read: ``monitoring_scale``, ``monitoring_observe``, ``monitoring_interpose``,
``monitoring_enforce``, ``monitoring_monitor``.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..agents import Mission, Party
    from ..model import ConflictModel


def attribute(model: ConflictModel, violator: Party, victim: Party,
              shooter: tuple[int, int], involuntary: bool) -> tuple[bool, bool]:
    """Report a violation: (reported by some mission, blamed by the victim on the
    violator's side)."""
    x, y = shooter
    reported, believed = False, False
    for mission in model.deployed_missions():
        if reports(model, mission, violator, x, y):
            reported = True
            if model.rng.random() < model.party_legitimacy(victim, mission):
                believed = True
    model.tally[f"reported_{violator.name}"] += int(reported)
    if involuntary and believed:
        model.tally["attributed_involuntary"] += 1
        return reported, False
    return reported, True


def reports(model: ConflictModel, mission: Mission, violator: Party, x: int, y: int) -> bool:
    """Whether ``mission`` detects a violation by ``violator`` at (x, y) and reports it
    (a mission under-reports the side it favours)."""
    present = mission.presence[x, y]
    if present <= 0 or not mission.publishes:
        return False
    rules = model.rules
    detect = 1 - math.exp(-rules.monitoring_weight(mission.mandate) * present
                          / rules.monitoring_scale)
    report = detect * (1 - max(0.0, mission.favour(violator)))
    return model.rng.random() < report
