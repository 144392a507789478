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
# # Exercise 2: early withdrawal and drawdown
#
# **Question.** When peacekeepers leave, or shrink, does the ceasefire feel it?
# Two cases: the Russian contingent that left Karabakh in April 2024, 18 months
# before its term ended; and KFOR in Kosovo, which shrank from about 50,000
# troops in 1999 to about 4,600 today.
#
# **Time:** about 15 minutes. **You will:** predict, compare withdrawal dates and
# drawdown schedules, and read troop numbers against violations over time.

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
# **Karabakh, 2020-2024.** The contingent was deployed for a five-year term from
# November 2020, with a possible extension. On 16 April 2024 it "commenced [its]
# withdrawal", "18 months before the mission's scheduled conclusion in November
# 2025": "the first time Russian armed units left the territory of a post-Soviet
# state voluntarily and prematurely". By then the ceasefire it was meant to keep
# had already ended: Azerbaijan's unilateral offensive of September 2023 removed
# the separatist entity and the Armenian population left, and a Russian deputy
# called the mission "fully accomplished" because there were "no warring parties".
# *Source: `001_30951419a2a1fbbd.txt`.*
#
# **Kosovo, 1999-today.** NATO "initially deployed around 50,000 troops"; "the
# current force is significantly smaller, with approximately 4,600 personnel from
# 27 contributing countries". A Russian contingent of up to 3,600 served from 1999
# to 2001, 600 in 2002, and left in July 2003. In March 2004 false rumours set off
# the largest riots since the war, 19 dead, which "KFOR was considered to have
# failed to prevent and halt"; in May 2023 dozens of peacekeepers were injured at
# Zvecan. *Sources: `004_81e203a96fa22155.txt`, `000_9af0c8ce76d75530.txt`.*
#
# **In the model**, a withdrawal or drawdown is a dated event. Fewer troops mean
# less deterrence near the line, fewer incidents reported, and less cover against
# a major offensive; near mixed settlements, fewer troops mean a riot is less
# likely to be stopped. A party that sees deterrence fall may find that an
# offensive now pays: a *window of opportunity*.

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
# ## Part A: Karabakh, when the contingent leaves

# %%
karabakh = sim.load_scenario("karabakh_2020")
for event in karabakh.events:
    print(f"day {event.day:>5}: {event.kind} {event.contingent or ''}  ({event.name})")
print("collapse rule:", karabakh.scenario.collapse)

# %% [markdown]
# ### Predict first
#
# 1. In how many of 100 runs will the ceasefire *still* be holding on the day the
#    contingent actually left (day 1253)?
# 2. Would staying the full five years have changed much? Would leaving after one
#    year? What about never coming at all?

# %%
FORCE = karabakh.contingents[0].name
LEAVES = next(e.name for e in karabakh.events if e.kind == "withdraw")
BASE_KARABAKH = "left April 2024 (day 1253)"
variants = {
    "stays the full term": {f"events.{LEAVES}.day": karabakh.scenario.horizon_days},
    "leaves after 1 year": {f"events.{LEAVES}.day": 365},
    "never deployed": {f"contingents.{FORCE}.troops": 0},
}
k = compare(karabakh, variants, reps=REPS, seed=SEED)
print(k.reading())
summary_table(k, ["ceasefire_held", "offensives", "violations_total",
                  "displaced", "stability_index"], labels={"baseline": BASE_KARABAKH})

# %%
fig = k.survival_figure()
ax = fig.axes[0]
ax.axvline(1253, color="grey", ls=":", lw=1)
ax.text(1253, 0.97, " April 2024\n withdrawal", fontsize=8, color="grey", va="top")
ax.set_title(f"Karabakh: ceasefire survival by withdrawal date, {REPS} runs per variant",
             fontsize=10)
save(relabel(fig, {"baseline": BASE_KARABAKH}, title="Russian contingent"),
     "ex2_karabakh_withdrawal")

# %% [markdown]
# Look at *when* the collapses happen compared with the withdrawal dates. Does
# the curve drop right after a withdrawal, or had it already dropped? (Up to day
# 1,253 "left April 2024" and "stays the full term" are the same runs, seed for
# seed, so one line hides the other until then.)
#
# ## Part B: Kosovo, KFOR's drawdown
#
# The scenario follows KFOR from 50,000 troops down to 4,600 (the intermediate
# steps are assumptions: the documents give only the two ends).

# %%
kosovo = sim.load_scenario("kosovo_kfor_1999")
KFOR = "kfor"
steps = [e for e in kosovo.events if e.contingent == KFOR and e.kind == "drawdown"]
for event in steps:
    year = event.day / 365
    print(f"day {event.day:>5} (year {year:4.1f}): KFOR down to {event.troops:,}")
print(f"riots are stopped for certain by {kosovo.rumours.troops_to_prevent:,.0f} troops "
      "near a mixed settlement")

# %% [markdown]
# ### Predict first
#
# Which do you expect to matter more for riots and violations: *how many* troops
# KFOR keeps, or *how fast* it shrinks? Sketch on paper what the number of
# incidents looks like over the 24 years.

# %%
BASE_KOSOVO = "drawdown as it happened"
kfor_variants = {
    "no drawdown (50,000)": {f"events.{e.name}.troops": 50000 for e in steps},
    "down to 4,600 in 2002": {f"events.{e.name}.troops": 4600 for e in steps},
}
kv = compare(kosovo, kfor_variants, reps=REPS, seed=SEED)
print(kv.reading())
summary_table(kv, ["ceasefire_held", "riots", "violations_total",
                   "casualties_civilian", "stability_index"],
              labels={"baseline": BASE_KOSOVO})

# %% [markdown]
# Look at the table first: does the ceasefire itself (war between the sides) ever
# collapse in Kosovo? If not, where does the drawdown show? Riots in mixed
# settlements, their dead and the people they drive away are the price of the
# schedule.

# %%
fig = outcome_bars(kv, {"riots": "riots in mixed settlements per run (count)",
                        "casualties_civilian": "civilians killed per run (count)",
                        "casualties_peacekeeper": "peacekeepers killed per run (count)"},
                   title="Kosovo: what each KFOR schedule costs",
                   labels={"baseline": BASE_KOSOVO})
save(fig, "ex2_kosovo_riots")

# %%
scenarios = {BASE_KOSOVO: kosovo}
scenarios.update({name: sim.load_scenario(kosovo, overrides)
                  for name, overrides in kfor_variants.items()})
panels = {"troops_deployed": "peacekeepers deployed\n(troops, all contingents)",
          "riots": "riots so far\n(cumulative count)"}
fig = band_over_time(scenarios, panels, seeds=[SEED + i for i in range(min(REPS, 10))],
                     title="Kosovo: troops and riots under three KFOR schedules",
                     cumulative={"riots"})
save(fig, "ex2_kosovo_timeline")

# %% [markdown]
# ## Questions for discussion
#
# 1. In Karabakh, the contingent left *after* the offensive. In the runs, what
#    comes first, withdrawal or collapse? What does that say about the claim that
#    the mission was "fully accomplished"?
# 2. Would "never deployed" and "as it happened" differ much? If not, what was the
#    contingent doing, in the model, during the years it was there?
# 3. The real riots of March 2004 broke out five years into the drawdown. In the
#    runs, when do the first riots come, and how many troops are left by then?
#    What does the model need besides troop numbers to produce them (look at
#    `rumours`)? Which of the scenario's drawdown steps come from the documents
#    and which are assumptions?
# 4. Keeping 50,000 troops for 24 years costs a great deal. What share of the
#    benefit do you keep with a slower, not a smaller, drawdown? Try it: change
#    the `day` of the drawdown events instead of their `troops`.
# 5. A withdrawal is a decision of the contributor, not a random event. What would
#    the parties *expect* before a scheduled withdrawal, and does the model let
#    them anticipate it?
#
# ## What the model leaves out
#
# - The reasons for leaving: in Karabakh a deal between leaders, in Kosovo
#   budgets, other wars and a growing local police force. The model only knows the
#   dates you give it.
# - Anticipation: parties here react to troops actually present, not to an
#   announced departure date.
# - Kosovo's institutions, elections and police, which took over much of KFOR's
#   work as it shrank.
# - *Everything is schematic.* The map is a few dozen cells, the parties are two
#   leaderships with a handful of numbers each, and most of those numbers are
#   assumptions stated in the scenario file (only the ones with a `source` come from
#   the documents).
# - *Results are tendencies over many runs, not forecasts.* One run is one possible
#   history; read the intervals, not a single curve.
