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
# # Exercise 1: neutral versus partisan peacekeepers
#
# **Question.** Does it matter *whose* peacekeepers stand between the lines? We
# compare a force that leans toward one side, and that one side never consented
# to, with a neutral force both sides accept (Nagorno-Karabakh, 2020-2025); then a
# *mixed* force built from the parties' own battalions (South Ossetia, 1992).
#
# **Time:** about 15 minutes. **You will:** predict, run two experiments, read a
# survival curve, and discuss why legitimacy, not only numbers, deters.

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
# **Nagorno-Karabakh, 2020-2024.** The trilateral statement of 10 November 2020
# (Russia, Armenia, Azerbaijan) ended the 2020 war and sent a Russian contingent,
# "limited to 1,960 motor rifle troops with light weapons", into the part of
# Karabakh still held by Armenians, for a five-year term. The limits were "soon
# exceeded". Azerbaijan never signed the contingent's mandate. A year later Baku
# spoke of "additional legal mechanisms" for it; Azerbaijani experts said there
# was "no legal basis" for the presence, which "has not been ratified by the
# Azerbaijani parliament", and an observer complained that "at times,
# peacekeepers go beyond the functions and mandates that they were given". A joint
# Russian-Turkish monitoring centre "had minimal impact and failed to prevent
# violations". In September 2023 Azerbaijan took the enclave in a unilateral
# offensive and the Armenian population left.
# *Sources: `001_30951419a2a1fbbd.txt`, `002_07e0664c798d61f4.txt`.*
#
# **South Ossetia, 1992-2008.** After the Dagomys agreement of 1992, a Joint
# Peace Force of three "national" battalions kept the ceasefire: a 700-strong
# Russian battalion, a 469-strong Ossetian battalion and a 320-strong Georgian
# battalion, overseen by a Joint Control Commission that "did not act efficiently
# and effectively". Reservations "about the impartiality and neutrality of this
# mission" followed from its make-up; in 2006 Georgia's parliament asked for it to
# be replaced by "real" international soldiers. The arrangement lasted until the
# war of August 2008. The same article contrasts neutral UN missions with CIS
# "peace forces" that "cannot be considered impartial".
# *Source: `000_9af0c8ce76d75530.txt`.*
#
# **In the model**, a contingent's `bias` runs from -1 (favours side B) through 0
# (neutral) to +1 (favours side A). Bias, missing `consent` and `overreach` lower
# the *legitimacy* a party grants the force; a force a party does not respect
# deters that party less, and its reports of incidents are discounted, so
# accidental incidents are answered by retaliation. A partisan force also shields
# the side it favours.

# %%
# %matplotlib inline
from exercise import band_over_time, first_seed, outcome_bars, relabel, reps, save, summary_table

import sim
import sim.plots
from sim.compare import compare

REPS = reps()          # replications per variant: $PEACESIM_REPS, default 20
SEED = first_seed()    # runs use seeds SEED .. SEED + REPS - 1: $PEACESIM_SEED, default 1
print(f"{REPS} replications per variant, seeds {SEED}..{SEED + REPS - 1}")

# %% [markdown]
# ## Part A: Karabakh, the contingent as deployed

# %%
karabakh = sim.load_scenario("karabakh_2020")
print(karabakh.scenario.title, "\n")
for force in karabakh.contingents:
    print(f"{force.name}: {force.troops:,} troops, mandate {force.mandate}, "
          f"bias {force.bias:+.1f}, consent {force.consent}, overreach {force.overreach}")
for side in karabakh.parties:
    print(f"{side.name} (side {side.side}): strength {side.strength}, "
          f"growth {side.strength_growth:+.0%}/yr, ambition {side.ambition}")

# %% [markdown]
# ### One run, to see the model at work
#
# Before comparing many runs, watch one: the map at the end of the run (who holds
# which cell, where tension is high, where the peacekeepers stand) beside
# violations, casualties and the parties' commitment over time, then the event log.

# %%
one = sim.run(karabakh, seed=SEED)
fig = sim.plots.overview_figure(one.model, one.timeseries, one.summary)
save(fig, "ex1_karabakh_one_run")

# %%
one.events[one.events["kind"] != "rumour"].head(15)

# %% [markdown]
# ### Predict first
#
# Write down your answers before running the next cell.
#
# 1. Out of 100 runs of the contingent *as deployed*, in how many does the
#    ceasefire survive the five years?
# 2. If the same 1,960 troops had been **neutral** and **accepted by both sides**,
#    would that number go up a lot, a little, or not at all? Why?
# 3. What would a **more partisan** force (bias -0.8) change?

# %%
FORCE = karabakh.contingents[0].name
BASE_KARABAKH = f"as deployed (bias {karabakh.contingents[0].bias:+.1f})"
variants = {
    "neutral, consented": {f"contingents.{FORCE}.bias": 0.0,
                           f"contingents.{FORCE}.overreach": 0.0,
                           f"contingents.{FORCE}.consent.azerbaijan": 1.0},
    "strongly partisan": {f"contingents.{FORCE}.bias": -0.8},
}
k = compare(karabakh, variants, reps=REPS, seed=SEED)
print(k.reading())
summary_table(k, ["ceasefire_held", "violations_total", "retaliations",
                  "casualties_civilian", "stability_index"],
              labels={"baseline": BASE_KARABAKH})

# %% [markdown]
# **Reading a survival curve.** Each line starts at 100% on day 0 and steps down
# whenever a run's ceasefire collapses. The shaded band is the 95% interval. A
# line that stays high held in more runs; a line that falls earlier collapsed
# sooner. Where two bands overlap a lot, the runs cannot tell the variants apart.

# %%
fig = k.survival_figure()
fig.axes[0].set_title(f"Karabakh 2020-2025: ceasefire survival, {REPS} runs per variant",
                      fontsize=10)
save(relabel(fig, {"baseline": BASE_KARABAKH}, title="Russian contingent"),
     "ex1_karabakh_survival")

# %% [markdown]
# Why would bias matter? Look at how Azerbaijan rates the contingent over time
# (its *legitimacy*, 0 = no respect, 1 = full respect), run by run.

# %%
legitimacy = f"legitimacy_azerbaijan_{FORCE}"
scenarios = {BASE_KARABAKH: karabakh}
scenarios.update({name: sim.load_scenario(karabakh, overrides)
                  for name, overrides in variants.items()})
fig = band_over_time(scenarios, {legitimacy: "Azerbaijan's rating of the force (0..1)"},
                     seeds=[SEED + i for i in range(min(REPS, 10))],
                     title="How Azerbaijan rates the Russian contingent "
                           "(the line ends when it leaves)")
fig.axes[0].set_ylim(-0.02, 1.02)
save(fig, "ex1_karabakh_legitimacy")

# %% [markdown]
# ## Part B: South Ossetia's mixed force
#
# The Joint Peace Force was built from the parties' own battalions. What if the
# same 1,489 troops had all been neutral outsiders? And what happens if, as the
# article says, "the Georgians have reduced their troops and the obligations of the
# Georgian side were taken by the Russians"?

# %%
ossetia = sim.load_scenario("south_ossetia_1992")
print(ossetia.scenario.title, "\n")
mixed = ossetia.contingents[0]
for battalion in mixed.battalions:
    print(f"{battalion.name}: {battalion.troops:,} troops ({battalion.contributor}), "
          f"bias {battalion.bias:+.1f}")
print("side A:", ossetia.party("A").name, "| side B:", ossetia.party("B").name)

# %% [markdown]
# ### Predict first
#
# Does a force that contains a battalion of *each* side cancel out to neutral?
# Or does each side only see the battalion that works against it? And what changes
# when the Georgian battalion is gone?

# %%
BASE_OSSETIA = "mixed force as in 1992"
battalions = f"contingents.{mixed.name}.battalions"
neutral_battalions = {f"{battalions}.{b.name}.bias": 0.0 for b in mixed.battalions}
# "the Georgians have reduced their troops and the obligations of the Georgian
# side were taken by the Russians": the Georgian battalion's troops go to the Russians
georgian, russian = "georgian_battalion", "russian_battalion"
troops = {b.name: b.troops for b in mixed.battalions}
georgians_leave = {f"{battalions}.{georgian}.troops": 0,
                   f"{battalions}.{russian}.troops": troops[russian] + troops[georgian]}
o = compare(ossetia, {"same troops, all neutral": neutral_battalions,
                      "Georgians leave, Russians take over": georgians_leave},
            reps=REPS, seed=SEED)
print(o.reading())
summary_table(o, ["ceasefire_held", "violations_total", "retaliations",
                  "stability_index"], labels={"baseline": BASE_OSSETIA})

# %%
fig = outcome_bars(o, {"ceasefire_held": "ceasefire held at the horizon (% of runs)",
                       "violations_total": "ceasefire violations per run (count)",
                       "retaliations": "retaliations per run (count)"},
                   title="South Ossetia: the mixed force against a neutral one",
                   labels={"baseline": BASE_OSSETIA})
save(fig, "ex1_ossetia_outcomes")

# %% [markdown]
# ## Questions for discussion
#
# 1. Compare your predictions with the results. Which surprised you, and which
#    mechanism in the model explains the surprise?
# 2. In Karabakh, did the neutral force *prevent* the collapse, or only delay it?
#    What does that say about the power shift between the sides (look at
#    `strength_growth`)? The documents say the monitoring centre "failed to
#    prevent violations": is that a problem of bias, of numbers, or of the
#    balance of power?
# 3. A force that favours side B shields side B. Why can that make side A *more*
#    willing to attack, not less?
# 4. In South Ossetia, each side saw the other side's battalion inside the
#    peacekeeping force. Why did Georgia ask for "real" international soldiers?
#    Does the model agree that this would have helped?
# 5. Which numbers in the scenario files are assumptions (no `source`)? Change one
#    you doubt (e.g. `consent`) with `sim.load_scenario(..., overrides={...})` and
#    see whether the conclusion survives.
#
# ## What the model leaves out
#
# - *Why* a force is partisan: a contributor's own interests (keeping troops in its
#   "near abroad", a bargaining chip) are reduced here to one number, `bias`.
# - The host state's sovereignty and the law: consent is a number between 0 and 1,
#   not a signed (or unsigned) mandate with legal force.
# - The 2020 war itself, the Lachin corridor as a lifeline, and the exodus of the
#   Armenian population in September 2023 are shown only as cells changing hands
#   and civilians displaced.
# - *Everything is schematic.* The map is a few dozen cells, the parties are two
#   leaderships with a handful of numbers each, and most of those numbers are
#   assumptions stated in the scenario file (only the ones with a `source` come from
#   the documents).
# - *Results are tendencies over many runs, not forecasts.* One run is one possible
#   history; read the intervals, not a single curve.
