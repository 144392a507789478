# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Exercise 3: how many troops are enough?
#
# **Question.** For a ceasefire in Ukraine, one proposal asked for about 10,000
# foreign troops, 5,000 civilian monitors and police, and a 10-km buffer zone; the
# Ukrainian president asked for at least 200,000. What does each buy?
#
# **Time:** about 15 minutes. **You will:** predict a dose-response curve, run it,
# and separate the effect of troops from monitors and the buffer zone.

# %% [markdown]
# **How to use this notebook.** Run the cells from top to bottom (*Run > Run All Cells*
# in Jupyter). Each experiment repeats every variant over the same random seeds, so
# differences come from the change you made, not from luck. `PEACESIM_REPS` sets the
# number of replications (default 20: about a minute per experiment on a laptop) and
# `PEACESIM_SEED` the first seed (default 1); the figures are written to
# `results/exercises/` (`PEACESIM_FIGURES` to change). Numbers in brackets are 95%
# intervals.

# %% [markdown]
# ## Historical context
#
# As discussions about a possible peacekeeping force for Ukraine went on,
# reports described "a 31-page proposal drafted by the Geneva Center for Security
# Policy": it "suggests establishing a 10-kilometer-wide buffer zone between the
# two armies, with 5,000 civilians and police officers patrolling the area", and
# "around 10,000 foreign troops would be required to ensure security". In January
# President Zelenskyy said that "at least 200,000 European peacekeepers would
# need to be deployed in Ukraine to prevent further Russian attacks. Otherwise, it's
# pointless." Russia "has rejected the idea of peacekeepers from European or NATO
# countries". NATO's Secretary-General, agreeing with President Trump: "before you can
# keep a peace, you need to have the peace". For comparison, KFOR began with
# about 50,000 troops in Kosovo.
# *Source: `004_81e203a96fa22155.txt`.*
#
# **In the model**, troops deter violations near where they stand (more troops
# per km of line, more deterrence) and cover the line against a major offensive;
# civilian monitors deter little but report incidents credibly, so an accidental
# incident is not answered with retaliation; a buffer zone keeps the armies apart
# so that fewer shots reach the other side. **Consent matters:** a force that one
# side rejects is respected less by that side.

# %%
# %matplotlib inline
from exercise import first_seed, level_curve, outcome_bars, reps, save, summary_table

import sim
import sim.plots
from sim.compare import compare

REPS = reps()          # replications per variant: $PEACESIM_REPS, default 20
SEED = first_seed()    # runs use seeds SEED .. SEED + REPS - 1: $PEACESIM_SEED, default 1
print(f"{REPS} replications per variant, seeds {SEED}..{SEED + REPS - 1}")

# %%
ukraine = sim.load_scenario("ukraine_buffer_proposal")
print(ukraine.scenario.title, "\n")
print(f"map: {ukraine.map.width} x {ukraine.map.height} cells of "
      f"{ukraine.map.km_per_cell:g} km")
for force in ukraine.contingents:
    print(f"contingent {force.name}: {force.troops:,} troops, mandate {force.mandate}, "
          f"bias {force.bias:+.1f}, consent {force.consent}")
for mission in ukraine.observers:
    print(f"observers {mission.name}: {mission.monitors:,} monitors")
for side in ukraine.parties:
    print(f"{side.name} (side {side.side}): strength {side.strength}, "
          f"ambition {side.ambition}")

# %% [markdown]
# ### Predict first
#
# Draw, on paper, the share of runs in which the ceasefire holds (0-100%) against
# the number of foreign troops (0 to 200,000). Is it a straight line? Does it
# level off? Where would you put 10,000, and where 200,000?

# %%
FORCE = ukraine.contingents[0].name
LEVELS = [0, 2_500, 10_000, 50_000, 200_000]
base_troops = ukraine.contingents[0].troops
sweep = {f"{n:,} troops": {f"contingents.{FORCE}.troops": n}
         for n in LEVELS if n != base_troops}
t = compare(ukraine, sweep, reps=REPS, seed=SEED)
levels = {name: overrides[f"contingents.{FORCE}.troops"]
          for name, overrides in sweep.items()}
levels["baseline"] = base_troops
print(t.reading())
summary_table(t, ["ceasefire_held", "offensives", "violations_total",
                  "casualties_peacekeeper", "stability_index"],
              labels={"baseline": f"{base_troops:,} troops (proposal)"})

# %%
fig = level_curve(t, levels, "ceasefire_held",
                  xlabel="foreign troops deployed (log scale)",
                  ylabel=f"runs with the ceasefire holding after "
                         f"{ukraine.scenario.horizon_days / 365:.0f} years",
                  title="Ukraine: how many troops are enough?", log=True)
ax = fig.axes[0]
for n, text in ((10_000, "proposal\n10,000"), (200_000, "request\n200,000")):
    ax.axvline(n, color="grey", ls=":", lw=1)
    ax.text(n, 0.05, text, fontsize=8, color="grey", ha="center")
save(fig, "ex3_ukraine_troops")

# %% [markdown]
# ## Monitors and the buffer zone
#
# Now keep the troops at the proposal's level and change one part of the package
# at a time: take away the 5,000 civilian monitors, take away the buffer zone, or
# imagine that Russia, which "has rejected the idea of peacekeepers from European
# or NATO countries", consented to the force after all. Which part does the work?

# %%
MONITORS = ukraine.observers[0].name if ukraine.observers else None
package = {}
if MONITORS:
    package["no civilian monitors"] = {f"observers.{MONITORS}.monitors": 0}
if ukraine.map.layout is None:
    package["no buffer zone"] = {"map.buffer_cells": 0}
package["both sides consent to the troops"] = {
    f"contingents.{FORCE}.consent.{ukraine.party('B').name}": 1.0}
p = compare(ukraine, package, reps=REPS, seed=SEED)
print(p.reading())
summary_table(p, ["ceasefire_held", "violations_total", "retaliations",
                  "stability_index"], labels={"baseline": "the proposal"})

# %%
fig = outcome_bars(p, {"ceasefire_held": "ceasefire held at the horizon (% of runs)",
                       "violations_total": "ceasefire violations per run (count)",
                       "retaliations": "retaliations per run (count)"},
                   title="Ukraine: which part of the package does the work?",
                   labels={"baseline": "the proposal"})
save(fig, "ex3_ukraine_package")

# %% [markdown]
# ## Questions for discussion
#
# 1. Where does the curve level off? What does the model say you get for the
#    190,000 troops between the proposal and the request, and what does it *not*
#    count (cost, rotation, who would send them)?
# 2. Which part of the package mattered most: troops, monitors, the buffer, or
#    consent? Does that match your prediction?
# 3. "Before you can keep a peace, you need to have the peace." In the model, what
#    plays the role of "having the peace" (look at `ambition`, `commitment`,
#    `strength_growth`)? Change one and run the troop sweep again.
# 4. The scenario's line is about 1,000 km long (100 cells of 10 km: an
#    assumption). How many troops per km of line do 10,000 and 200,000 give? Why
#    would deterrence depend on troops per km rather than on the total?
# 5. What would it mean for students to "validate" these numbers? What evidence
#    would you need?
#
# ## What the model leaves out
#
# - Nuclear deterrence, air power, long-range strikes and drones: here, violations
#   are local fire across the line.
# - Who the troops are and whom they answer to: a European force that one side
#   rejects is captured only as lower consent.
# - Rotation, logistics and cost: 200,000 troops deployed means several times that
#   number in the force structure.
# - *Everything is schematic.* The map is a few dozen cells, the parties are two
#   leaderships with a handful of numbers each, and most of those numbers are
#   assumptions stated in the scenario file (only the ones with a `source` come from
#   the documents).
# - *Results are tendencies over many runs, not forecasts.* One run is one possible
#   history; read the intervals, not a single curve.
