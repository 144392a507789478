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
# # Exercise 4: mediation under a spoiler
#
# **Question.** The EU facilitates a dialogue between Kosovo and Serbia; an
# outside power that is not at the table works to discredit it. How much does the
# spoiler change the chance of a settlement, and can a more credible mediator
# make up for it?
#
# **Time:** about 15 minutes. **You will:** predict, compare spoiler strengths and
# mediator credibility, and follow settlement progress over the years.

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
# The EU-facilitated dialogue produced agreements in April 2013 (the First
# Agreement on Principles Governing the Normalization of Relations), August 2015
# and February 2023. A policy paper argues that Russia, "while being outside of the
# negotiation table", has sought "to prevent and obstruct the successful
# conclusion of the dialogue process, by attempting to discredit the EU and the
# West", using its veto at the UN Security Council and its ties with Serbia: a
# month after the 2013 agreement Serbia signed a Declaration on Strategic
# Partnership with Russia. A land-swap idea stalled the talks until it was all but
# dropped in 2020. In
# September 2023 a Serb paramilitary group "operating from Serbia" attacked in
# northern Kosovo; on 15 December 2023 Serbia "formally refused to abide by" the
# February 2023 agreement. *Source: `003_8da17b08c6ca7ec0.txt`; KFOR and the
# riots: `004_81e203a96fa22155.txt`.*
#
# **In the model**, a *mediator* holds talks every few months. A round makes
# progress only if both parties' commitment is high enough and the line is calm;
# progress grows with the mediator's *credibility* in the eyes of the less
# convinced party. At full progress an agreement is signed, and each side may
# implement it or refuse. A *patron* backs one party with supply (strength,
# hostility) and a `discredit` campaign that erodes the mediator's credibility
# with its client, year after year.

# %%
# %matplotlib inline
from exercise import band_over_time, first_seed, level_curve, reps, save, summary_table

import sim
import sim.plots
from sim.compare import compare

REPS = reps()          # replications per variant: $PEACESIM_REPS, default 20
SEED = first_seed()    # runs use seeds SEED .. SEED + REPS - 1: $PEACESIM_SEED, default 1
print(f"{REPS} replications per variant, seeds {SEED}..{SEED + REPS - 1}")

# %%
kosovo = sim.load_scenario("kosovo_kfor_1999")
for m in kosovo.mediators:
    print(f"mediator {m.name}: credibility {m.credibility}, talks every "
          f"{m.talks_every_days} days from day {m.start_day} "
          f"(year {m.start_day / 365:.1f})")
for p in kosovo.patrons:
    print(f"patron {p.name} backs {p.client}: supply {p.supply}, discredit {p.discredit}")

# %% [markdown]
# ### Predict first
#
# 1. In how many of 100 runs is a settlement reached by the end of 2023 as the
#    scenario stands?
# 2. Remove the spoiler's campaign (`discredit` = 0). Does that number double?
#    Sketch the share of runs reaching a settlement against the strength of the
#    campaign, from 0 to 1.
# 3. Keep the spoiler but give the mediator more credibility (0.8). Is that as
#    good as removing the spoiler?

# %%
SPOILER = next(p.name for p in kosovo.patrons if p.discredit > 0)
MEDIATOR = kosovo.mediators[0].name
strength = next(p.discredit for p in kosovo.patrons if p.name == SPOILER)
BASE = f"spoiler as in the scenario (discredit {strength:g})"
LEVELS = [0.0, 0.01, 0.02, 0.05, 0.1, 1.0]
names = {d: f"discredit {d:g}" if d else "no campaign (discredit 0)" for d in LEVELS}
variants = {names[d]: {f"patrons.{SPOILER}.discredit": d}
            for d in LEVELS if d != strength}
variants["spoiler + credible mediator (0.8)"] = {
    f"mediators.{MEDIATOR}.credibility": 0.8}
s = compare(kosovo, variants, reps=REPS, seed=SEED)
print(s.reading())
summary_table(s, ["settlement_reached", "ceasefire_held", "violations_total",
                  "stability_index"], labels={"baseline": BASE})

# %%
levels = {names[d]: d for d in LEVELS if d != strength}
levels["baseline"] = strength
fig = level_curve(s, levels, "settlement_reached",
                  xlabel=f"strength of {SPOILER}'s campaign (discredit, 0..1; log scale)",
                  log=True,
                  ylabel="runs reaching a settlement by 2023",
                  title="Kosovo-Serbia dialogue: how strong a spoiler does it take?")
save(fig, "ex4_kosovo_spoiler_strength")

# %% [markdown]
# Progress toward a settlement over the years: the dialogue starts in year 12
# (March 2011); a line that reaches 1 is a signed agreement. Below it, the
# commitment to the ceasefire of the side the spoiler courts. Lines that lie on
# top of each other (e.g. along 0) belong to variants that behave alike.

# %%
shown = {BASE: kosovo}
for name in (names[0.0], names[0.02], "spoiler + credible mediator (0.8)"):
    shown[name] = sim.load_scenario(kosovo, variants[name])
client = kosovo.party("B").name
panels = {"settlement_progress": "progress toward a settlement (0..1)",
          f"commitment_{client}": f"{client}: commitment (0..1)"}
fig = band_over_time(shown, panels, seeds=[SEED + i for i in range(min(REPS, 10))],
                     title="Kosovo-Serbia dialogue: progress of the talks")
for ax in fig.axes:
    ax.set_ylim(-0.02, 1.02)
save(fig, "ex4_kosovo_progress")

# %% [markdown]
# ## Questions for discussion
#
# 1. Compare with your predictions. Is a spoiler's effect on the talks larger or
#    smaller than you guessed? In the scenario the campaign runs from 1999, twelve
#    years before the talks begin: why does that matter so much in the model?
# 2. Can credibility be "bought back"? What would raise a real mediator's
#    credibility with the party the spoiler is courting (membership prospects,
#    guarantees, a different mediator)?
# 3. The model signs an agreement when progress reaches 1, then each side may
#    refuse to implement it. Serbia refused in December 2023. What in the model
#    makes refusal more likely?
# 4. Does the spoiler change the *ceasefire* (violence) or only the *settlement*?
#    What does that say about "frozen" conflicts such as Transnistria?
# 5. A spoiler here only discredits the mediator. List two other tools the paper
#    describes (a veto, recognition campaigns, backing paramilitaries) and say
#    which model parameter, if any, stands for each.
#
# ## What the model leaves out
#
# - The content of an agreement: recognition, the Association of Serb-majority
#   Municipalities, a land swap. Progress here is one number from 0 to 1.
# - Domestic politics: elections in Belgrade and Pristina, public opinion.
# - The spoiler's veto in the UN Security Council and the recognition and
#   de-recognition campaigns.
# - *Everything is schematic.* The map is a few dozen cells, the parties are two
#   leaderships with a handful of numbers each, and most of those numbers are
#   assumptions stated in the scenario file (only the ones with a `source` come from
#   the documents).
# - *Results are tendencies over many runs, not forecasts.* One run is one possible
#   history; read the intervals, not a single curve.
