"""Figures shared by the CLI, the page and the notebooks (matplotlib, no pyplot state)."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from .agents import MissionUnit
from .terrain import SETTLEMENT_MIXED

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from .model import ConflictModel

SIDE_COLOURS = {"A": "#3b6fb6", "B": "#c0504d"}
CONTROL_CMAP = ListedColormap(["#f2c4c3", "#eeeeee", "#c6d7ef"])  # B, neither, A
MARKERS = {"violation": ("x", "black", 18), "riot": ("*", "#8e44ad", 90),
           "offensive": ("v", "#d35400", 70)}


def bias_colour(bias: float) -> tuple[float, float, float]:
    """White-ish green for neutral, shading to side A's blue or side B's red."""
    neutral = np.array([0.15, 0.65, 0.3])
    toward = np.array([0.23, 0.44, 0.71]) if bias > 0 else np.array([0.75, 0.31, 0.30])
    mixed = (1 - abs(bias)) * neutral + abs(bias) * toward
    return float(mixed[0]), float(mixed[1]), float(mixed[2])


def draw_map(ax: Axes, model: ConflictModel, legend: bool = True) -> None:
    """Control under tension, settlements, buffer zone, units, and this step's markers."""
    terrain = model.terrain
    control = model.control.T  # rows = y
    ax.imshow(control, cmap=CONTROL_CMAP, vmin=-1, vmax=1, origin="upper",
              interpolation="nearest")
    # orange whose opacity grows with tension: low tension leaves the holder's colour
    # readable (a pale wash would read as the buffer zone)
    tension = model.tension.T
    overlay = np.zeros((*tension.shape, 4))
    overlay[..., :3] = (0.89, 0.41, 0.07)
    overlay[..., 3] = np.where(tension > 0.02, 0.15 + 0.7 * np.clip(tension, 0, 1), 0.0)
    ax.imshow(overlay, origin="upper", interpolation="nearest")
    blocked = np.ma.masked_where(~(~terrain.passable).T, np.ones_like(control))
    ax.imshow(blocked, cmap=ListedColormap(["#555555"]), origin="upper", interpolation="nearest")
    buffer_y, buffer_x = np.nonzero(terrain.buffer.T & (model.control.T == 0))
    ax.scatter(buffer_x, buffer_y, s=4, marker=".", color="#999999", linewidths=0)
    sy, sx = np.nonzero(terrain.settlement.T > 0)
    mixed = terrain.settlement.T[sy, sx] == SETTLEMENT_MIXED
    ax.scatter(sx[~mixed], sy[~mixed], s=60, marker="s", facecolors="none",
               edgecolors="#444444", linewidths=1.2)
    ax.scatter(sx[mixed], sy[mixed], s=70, marker="s", facecolors="none",
               edgecolors="#8e44ad", linewidths=1.6)
    for side, colour in SIDE_COLOURS.items():
        pos = np.array([u.cell.coordinate for u in model.armed_units if u.party.side == side])
        if len(pos):
            ax.scatter(pos[:, 0], pos[:, 1], s=22, marker="o", color=colour,
                       edgecolors="white", linewidths=0.5)
    units = [a for a in model.agents if isinstance(a, MissionUnit) and a.cell is not None]
    for unit in units:
        x, y = unit.cell.coordinate
        if unit.mission.is_armed:
            ax.scatter([x], [y], s=55, marker="D", color=bias_colour(unit.mission.bias),
                       edgecolors="black", linewidths=0.6)
        else:
            ax.scatter([x], [y], s=40, marker="^", color="white", edgecolors="black",
                       linewidths=0.8)
    for kind, (marker, colour, size) in MARKERS.items():
        pts = np.array([(x, y) for k, x, y in model.markers if k == kind])
        if len(pts):
            ax.scatter(pts[:, 0], pts[:, 1], s=size, marker=marker, color=colour, linewidths=1.2)
    w, h = model.control.shape
    ax.set_xlim(-0.5, w - 0.5)
    ax.set_ylim(h - 0.5, -0.5)
    ax.set_xticks([])
    ax.set_yticks([])
    km = model.config.map.km_per_cell
    ax.set_title(f"Day {model.day + model.days_per_step if model.steps else 0}: "
                 f"control and tension ({w * km:g} x {h * km:g} km)", fontsize=10)
    if legend:
        ax.legend(handles=map_legend(model), loc="upper center", bbox_to_anchor=(0.5, -0.01),
                  ncol=3, fontsize=7, frameon=False)


def map_legend(model: ConflictModel) -> list:
    a, b = model.party_by_side["A"].name, model.party_by_side["B"].name
    return [
        Patch(color="#c6d7ef", label=f"held by {a}"),
        Patch(color="#f2c4c3", label=f"held by {b}"),
        Patch(color="#eeeeee", label="buffer zone / held by no one"),
        Patch(color="#555555", label="impassable"),
        Line2D([], [], marker="o", ls="", color=SIDE_COLOURS["A"], label=f"{a} unit"),
        Line2D([], [], marker="o", ls="", color=SIDE_COLOURS["B"], label=f"{b} unit"),
        Line2D([], [], marker="D", ls="", color=bias_colour(0), markeredgecolor="black",
               label="peacekeepers (colour = bias)"),
        Line2D([], [], marker="^", ls="", color="white", markeredgecolor="black",
               label="observers"),
        Line2D([], [], marker="s", ls="", mfc="none", color="#444444", label="settlement"),
        Line2D([], [], marker="s", ls="", mfc="none", color="#8e44ad", label="mixed settlement"),
        Line2D([], [], marker="x", ls="", color="black", label="violation"),
        Line2D([], [], marker="*", ls="", color="#8e44ad", label="riot"),
        Line2D([], [], marker="v", ls="", color="#d35400", label="offensive"),
        Patch(color="#e3691f", alpha=0.6, label="tension (deeper: higher)"),
    ]


def _years(table: pd.DataFrame) -> pd.Series:
    return table["day"] / 365


def draw_violations(ax: Axes, table: pd.DataFrame, parties: list[str]) -> None:
    """Violations per step by side, actual (solid) and reported (dashed)."""
    for party, colour in zip(parties, SIDE_COLOURS.values(), strict=False):
        ax.plot(_years(table), table[f"violations_{party}"], color=colour, lw=1,
                label=f"{party}: actual")
        ax.plot(_years(table), table[f"reported_{party}"], color=colour, lw=1, ls="--",
                label=f"{party}: reported")
    ax.set_ylabel("violations per step")
    ax.set_title("Ceasefire violations", fontsize=10)
    ax.legend(fontsize=7, loc="upper left")


def draw_casualties(ax: Axes, table: pd.DataFrame) -> None:
    """Cumulative casualties by class."""
    for key, colour in (("combatant", "#555555"), ("civilian", "#c0392b"),
                        ("peacekeeper", "#27ae60")):
        ax.plot(_years(table), table[f"casualties_{key}"].cumsum(), color=colour, label=key)
    ax.set_ylabel("casualties (cumulative)")
    ax.set_title("Casualties", fontsize=10)
    ax.legend(fontsize=7, loc="upper left")


def draw_attitudes(ax: Axes, table: pd.DataFrame, parties: list[str]) -> None:
    """Commitment (solid) and trust (dotted) per party, and settlement progress."""
    for party, colour in zip(parties, SIDE_COLOURS.values(), strict=False):
        ax.plot(_years(table), table[f"commitment_{party}"], color=colour,
                label=f"{party}: commitment")
        ax.plot(_years(table), table[f"trust_{party}"], color=colour, ls=":",
                label=f"{party}: trust")
    ax.plot(_years(table), table["settlement_progress"], color="#7f8c8d", ls="--",
            label="settlement progress")
    ax.set_ylim(-0.02, 1.02)
    ax.set_ylabel("0 .. 1")
    ax.set_xlabel("years since day 0")
    ax.set_title("Commitment, trust, talks", fontsize=10)
    ax.legend(fontsize=7, loc="upper left")


def to_png(fig: Figure, dpi: int = 80) -> bytes:
    """A figure as PNG bytes (dots per inch)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def overview_figure(model: ConflictModel, table: pd.DataFrame, summary: dict) -> Figure:
    """Final map beside violations, casualties and commitment over time."""
    fig = Figure(figsize=(13, 7.5), layout="constrained")
    grid = fig.add_gridspec(3, 2, width_ratios=[1.15, 1])
    parties = [p.name for p in model.parties]
    draw_map(fig.add_subplot(grid[:, 0]), model)
    draw_violations(fig.add_subplot(grid[0, 1]), table, parties)
    draw_casualties(fig.add_subplot(grid[1, 1]), table)
    draw_attitudes(fig.add_subplot(grid[2, 1]), table, parties)
    outcome = ("ceasefire held" if summary["ceasefire_held"]
               else f"collapsed on day {summary['collapse_day']} ({summary['collapse_cause']})")
    fig.suptitle(f"{model.config.scenario.title}\nseed {summary['seed']}: {outcome}; "
                 f"stability index {summary['stability_index']:.2f}", fontsize=11)
    return fig
