"""Agents by role: leaderships, armed units, peacekeeping and observer missions,
mediators and patrons."""

from .armed_unit import ArmedUnit
from .mediator import Mediator
from .mission import Mission, MissionUnit
from .party import Party
from .patron import Patron

__all__ = ["ArmedUnit", "Mediator", "Mission", "MissionUnit", "Party", "Patron"]
