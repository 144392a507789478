"""Solara's telemetry off, whatever the environment or a ``.env`` file says.

Solara reads ``SOLARA_TELEMETRY_MIXPANEL_ENABLE`` from the environment and from a
``.env`` file in the current folder when its settings are first imported, and sends
usage events to an outside service unless it is false. The page sets the variable
before Solara is imported and, once it is, sets the setting itself, so neither an
environment value nor a ``.env`` file turns it back on.
"""

from __future__ import annotations

import os
import sys

TELEMETRY_ENV = "SOLARA_TELEMETRY_MIXPANEL_ENABLE"


def telemetry_off() -> None:
    """Switch Solara's telemetry off now and for any later import of its settings."""
    os.environ[TELEMETRY_ENV] = "false"
    settings = sys.modules.get("solara.server.settings")
    if settings is not None:
        settings.telemetry.mixpanel_enable = False
