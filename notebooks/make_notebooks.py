"""Write the exercise notebooks (``NN_*.ipynb``) from the cell texts below.

    python notebooks/make_notebooks.py

Edit the texts here, not the .ipynb files, then re-run this script: the notebooks
are committed without outputs. ``run_exercises.py`` executes them.
"""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

NOTEBOOKS = Path(__file__).resolve().parent

SETUP = '''\
%matplotlib inline
from exercise import {helpers}

import sim
import sim.plots
from sim.compare import compare

REPS = reps()          # replications per variant: $PEACESIM_REPS, default 20
SEED = first_seed()    # runs use seeds SEED .. SEED + REPS - 1: $PEACESIM_SEED, default 1
print(f"{REPS} replications per variant, seeds {SEED}..{SEED + REPS - 1}")'''

HOW_TO = """\
**How to use this notebook.** Run the cells from top to bottom (*Run > Run All Cells*
in Jupyter). Each experiment repeats every variant over the same random seeds, so
differences come from the change you made, not from luck. `PEACESIM_REPS` sets the
number of replications (default 20: about a minute per experiment on a laptop) and
`PEACESIM_SEED` the first seed (default 1); the figures are written to
`results/figures/`. Numbers in brackets are 95% intervals."""

LEAVES_OUT_COMMON = """\
- *Everything is schematic.* The map is a few dozen cells, the parties are two
  leaderships with a handful of numbers each, and most of those numbers are
  assumptions stated in the scenario file (only the ones with a `source` come from
  the documents).
- *Results are tendencies over many runs, not forecasts.* One run is one possible
  history; read the intervals, not a single curve."""


def setup(*helpers: str) -> nbformat.NotebookNode:
    """The set-up cell, importing the ``exercise`` helpers the notebook uses."""
    names = sorted({"first_seed", "reps", "save", "summary_table", *helpers})
    return code(SETUP.replace("{helpers}", ", ".join(names)))


def md(*parts: str) -> nbformat.NotebookNode:
    """A markdown cell from one or more (indented) text blocks, one after the other."""
    return new_markdown_cell("\n".join(dedent(part).strip() for part in parts))


def code(text: str) -> nbformat.NotebookNode:
    return new_code_cell(dedent(text).strip())


# ------------------------------------------------------------------ exercise 1


def partisan() -> list[nbformat.NotebookNode]:
    return [
        md("""
        # Exercise 1: neutral versus partisan peacekeepers

        **Question.** Does it matter *whose* peacekeepers stand between the lines? We
        compare a force that leans toward one side, and that one side never consented
        to, with a neutral force both sides accept (Nagorno-Karabakh, 2020-2025); then a
        *mixed* force built from the parties' own battalions (South Ossetia, 1992).

        **Time:** about 15 minutes. **You will:** predict, run two experiments, read a
        survival curve, and discuss why legitimacy, not only numbers, deters.
        """),
        md(HOW_TO),
        md("""
        ## Historical context

        **Nagorno-Karabakh, 2020-2024.** The trilateral statement of 10 November 2020
        (Russia, Armenia, Azerbaijan) ended the 2020 war and sent a Russian contingent,
        "limited to 1,960 motor rifle troops with light weapons", into the part of
        Karabakh still held by Armenians, for a five-year term. The limits were "soon
        exceeded". Azerbaijan never signed the contingent's mandate. A year later Baku
        spoke of "additional legal mechanisms" for it; Azerbaijani experts said there
        was "no legal basis" for the presence, which "has not been ratified by the
        Azerbaijani parliament", and an observer complained that "at times,
        peacekeepers go beyond the functions and mandates that they were given". A joint
        Russian-Turkish monitoring centre "had minimal impact and failed to prevent
        violations". In September 2023 Azerbaijan took the enclave in a unilateral
        offensive and the Armenian population left.
        *Sources: `001_30951419a2a1fbbd.txt`, `002_07e0664c798d61f4.txt`.*

        **South Ossetia, 1992-2008.** After the Dagomys agreement of 1992, a Joint
        Peace Force of three "national" battalions kept the ceasefire: a 700-strong
        Russian battalion, a 469-strong Ossetian battalion and a 320-strong Georgian
        battalion, overseen by a Joint Control Commission that "did not act efficiently
        and effectively". Reservations "about the impartiality and neutrality of this
        mission" followed from its make-up; in 2006 Georgia's parliament asked for it to
        be replaced by "real" international soldiers. The arrangement lasted until the
        war of August 2008. The same article contrasts neutral UN missions with CIS
        "peace forces" that "cannot be considered impartial".
        *Source: `000_9af0c8ce76d75530.txt`.*

        **In the model**, a contingent's `bias` runs from -1 (favours side B) through 0
        (neutral) to +1 (favours side A). Bias, missing `consent` and `overreach` lower
        the *legitimacy* a party grants the force; a force a party does not respect
        deters that party less, and its reports of incidents are discounted, so
        accidental incidents are answered by retaliation. A partisan force also shields
        the side it favours.
        """),
        setup("band_over_time", "outcome_bars", "relabel"),
        md("## Part A: Karabakh, the contingent as deployed"),
        code("""
        karabakh = sim.load_scenario("karabakh_2020")
        print(karabakh.scenario.title, "\\n")
        for force in karabakh.contingents:
            print(f"{force.name}: {force.troops:,} troops, mandate {force.mandate}, "
                  f"bias {force.bias:+.1f}, consent {force.consent}, overreach {force.overreach}")
        for side in karabakh.parties:
            print(f"{side.name} (side {side.side}): strength {side.strength}, "
                  f"growth {side.strength_growth:+.0%}/yr, ambition {side.ambition}")
        """),
        md("""
        ### One run, to see the model at work

        Before comparing many runs, watch one: the map at the end of the run (who holds
        which cell, where tension is high, where the peacekeepers stand) beside
        violations, casualties and the parties' commitment over time, then the event log.
        """),
        code("""
        one = sim.run(karabakh, seed=SEED)
        fig = sim.plots.overview_figure(one.model, one.timeseries, one.summary)
        save(fig, "ex1_karabakh_one_run")
        """),
        code("""
        one.events[one.events["kind"] != "rumour"].head(15)
        """),
        md("""
        ### Predict first

        Write down your answers before running the next cell.

        1. Out of 100 runs of the contingent *as deployed*, in how many does the
           ceasefire survive the five years?
        2. If the same 1,960 troops had been **neutral** and **accepted by both sides**,
           would that number go up a lot, a little, or not at all? Why?
        3. What would a **more partisan** force (bias -0.8) change?
        """),
        code("""
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
        """),
        md("""
        **Reading a survival curve.** Each line starts at 100% on day 0 and steps down
        whenever a run's ceasefire collapses. The shaded band is the 95% interval. A
        line that stays high held in more runs; a line that falls earlier collapsed
        sooner. Where two bands overlap a lot, the runs cannot tell the variants apart.
        """),
        code("""
        fig = k.survival_figure()
        fig.axes[0].set_title(f"Karabakh 2020-2025: ceasefire survival, {REPS} runs per variant",
                              fontsize=10)
        save(relabel(fig, {"baseline": BASE_KARABAKH}, title="Russian contingent"),
             "ex1_karabakh_survival")
        """),
        md("""
        Why would bias matter? Look at how Azerbaijan rates the contingent over time
        (its *legitimacy*, 0 = no respect, 1 = full respect), run by run.
        """),
        code("""
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
        """),
        md("""
        ## Part B: South Ossetia's mixed force

        The Joint Peace Force was built from the parties' own battalions. What if the
        same 1,489 troops had all been neutral outsiders? And what happens if, as the
        article says, "the Georgians have reduced their troops and the obligations of the
        Georgian side were taken by the Russians"?
        """),
        code("""
        ossetia = sim.load_scenario("south_ossetia_1992")
        print(ossetia.scenario.title, "\\n")
        mixed = ossetia.contingents[0]
        for battalion in mixed.battalions:
            print(f"{battalion.name}: {battalion.troops:,} troops ({battalion.contributor}), "
                  f"bias {battalion.bias:+.1f}")
        print("side A:", ossetia.party("A").name, "| side B:", ossetia.party("B").name)
        """),
        md("""
        ### Predict first

        Does a force that contains a battalion of *each* side cancel out to neutral?
        Or does each side only see the battalion that works against it? And what changes
        when the Georgian battalion is gone?
        """),
        code("""
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
        """),
        code("""
        fig = outcome_bars(o, {"ceasefire_held": "ceasefire held at the horizon (% of runs)",
                               "violations_total": "ceasefire violations per run (count)",
                               "retaliations": "retaliations per run (count)"},
                           title="South Ossetia: the mixed force against a neutral one",
                           labels={"baseline": BASE_OSSETIA})
        save(fig, "ex1_ossetia_outcomes")
        """),
        md("""
        ## Questions for discussion

        1. Compare your predictions with the results. Which surprised you, and which
           mechanism in the model explains the surprise?
        2. In Karabakh, did the neutral force *prevent* the collapse, or only delay it?
           What does that say about the power shift between the sides (look at
           `strength_growth`)? The documents say the monitoring centre "failed to
           prevent violations": is that a problem of bias, of numbers, or of the
           balance of power?
        3. A force that favours side B shields side B. Why can that make side A *more*
           willing to attack, not less?
        4. In South Ossetia, each side saw the other side's battalion inside the
           peacekeeping force. Why did Georgia ask for "real" international soldiers?
           Does the model agree that this would have helped?
        5. Which numbers in the scenario files are assumptions (no `source`)? Change one
           you doubt (e.g. `consent`) with `sim.load_scenario(..., overrides={...})` and
           see whether the conclusion survives.

        ## What the model leaves out

        - *Why* a force is partisan: a contributor's own interests (keeping troops in its
          "near abroad", a bargaining chip) are reduced here to one number, `bias`.
        - The host state's sovereignty and the law: consent is a number between 0 and 1,
          not a signed (or unsigned) mandate with legal force.
        - The 2020 war itself, the Lachin corridor as a lifeline, and the exodus of the
          Armenian population in September 2023 are shown only as cells changing hands
          and civilians displaced.
        """, LEAVES_OUT_COMMON),
    ]


# ------------------------------------------------------------------ exercise 2


def withdrawal() -> list[nbformat.NotebookNode]:
    return [
        md("""
        # Exercise 2: early withdrawal and drawdown

        **Question.** When peacekeepers leave, or shrink, does the ceasefire feel it?
        Two cases: the Russian contingent that left Karabakh in April 2024, 18 months
        before its term ended; and KFOR in Kosovo, which shrank from about 50,000
        troops in 1999 to about 4,600 today.

        **Time:** about 15 minutes. **You will:** predict, compare withdrawal dates and
        drawdown schedules, and read troop numbers against violations over time.
        """),
        md(HOW_TO),
        md("""
        ## Historical context

        **Karabakh, 2020-2024.** The contingent was deployed for a five-year term from
        November 2020, with a possible extension. On 16 April 2024 it "commenced [its]
        withdrawal", "18 months before the mission's scheduled conclusion in November
        2025": "the first time Russian armed units left the territory of a post-Soviet
        state voluntarily and prematurely". By then the ceasefire it was meant to keep
        had already ended: Azerbaijan's unilateral offensive of September 2023 removed
        the separatist entity and the Armenian population left, and a Russian deputy
        called the mission "fully accomplished" because there were "no warring parties".
        *Source: `001_30951419a2a1fbbd.txt`.*

        **Kosovo, 1999-today.** NATO "initially deployed around 50,000 troops"; "the
        current force is significantly smaller, with approximately 4,600 personnel from
        27 contributing countries". A Russian contingent of up to 3,600 served from 1999
        to 2001, 600 in 2002, and left in July 2003. In March 2004 false rumours set off
        the largest riots since the war, 19 dead, which "KFOR was considered to have
        failed to prevent and halt"; in May 2023 dozens of peacekeepers were injured at
        Zvecan. *Sources: `004_81e203a96fa22155.txt`, `000_9af0c8ce76d75530.txt`.*

        **In the model**, a withdrawal or drawdown is a dated event. Fewer troops mean
        less deterrence near the line, fewer incidents reported, and less cover against
        a major offensive; near mixed settlements, fewer troops mean a riot is less
        likely to be stopped. A party that sees deterrence fall may find that an
        offensive now pays: a *window of opportunity*.
        """),
        setup("band_over_time", "outcome_bars", "relabel"),
        md("## Part A: Karabakh, when the contingent leaves"),
        code("""
        karabakh = sim.load_scenario("karabakh_2020")
        for event in karabakh.events:
            print(f"day {event.day:>5}: {event.kind} {event.contingent or ''}  ({event.name})")
        print("collapse rule:", karabakh.scenario.collapse)
        """),
        md("""
        ### Predict first

        1. In how many of 100 runs will the ceasefire *still* be holding on the day the
           contingent actually left (day 1253)?
        2. Would staying the full five years have changed much? Would leaving after one
           year? What about never coming at all?
        """),
        code("""
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
        """),
        code("""
        fig = k.survival_figure()
        ax = fig.axes[0]
        ax.axvline(1253, color="grey", ls=":", lw=1)
        ax.text(1253, 0.97, " April 2024\\n withdrawal", fontsize=8, color="grey", va="top")
        ax.set_title(f"Karabakh: ceasefire survival by withdrawal date, {REPS} runs per variant",
                     fontsize=10)
        save(relabel(fig, {"baseline": BASE_KARABAKH}, title="Russian contingent"),
             "ex2_karabakh_withdrawal")
        """),
        md("""
        Look at *when* the collapses happen compared with the withdrawal dates. Does
        the curve drop right after a withdrawal, or had it already dropped? (Up to day
        1,253 "left April 2024" and "stays the full term" are the same runs, seed for
        seed, so one line hides the other until then.)

        ## Part B: Kosovo, KFOR's drawdown

        The scenario follows KFOR from 50,000 troops down to 4,600 (the intermediate
        steps are assumptions: the documents give only the two ends).
        """),
        code("""
        kosovo = sim.load_scenario("kosovo_kfor_1999")
        KFOR = "kfor"
        steps = [e for e in kosovo.events if e.contingent == KFOR and e.kind == "drawdown"]
        for event in steps:
            year = event.day / 365
            print(f"day {event.day:>5} (year {year:4.1f}): KFOR down to {event.troops:,}")
        print(f"riots are stopped for certain by {kosovo.rumours.troops_to_prevent:,.0f} troops "
              "near a mixed settlement")
        """),
        md("""
        ### Predict first

        Which do you expect to matter more for riots and violations: *how many* troops
        KFOR keeps, or *how fast* it shrinks? Sketch on paper what the number of
        incidents looks like over the 24 years.
        """),
        code("""
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
        """),
        md("""
        Look at the table first: does the ceasefire itself (war between the sides) ever
        collapse in Kosovo? If not, where does the drawdown show? Riots in mixed
        settlements, their dead and the people they drive away are the price of the
        schedule.
        """),
        code("""
        fig = outcome_bars(kv, {"riots": "riots in mixed settlements per run (count)",
                                "casualties_civilian": "civilians killed per run (count)",
                                "casualties_peacekeeper": "peacekeepers killed per run (count)"},
                           title="Kosovo: what each KFOR schedule costs",
                           labels={"baseline": BASE_KOSOVO})
        save(fig, "ex2_kosovo_riots")
        """),
        code("""
        scenarios = {BASE_KOSOVO: kosovo}
        scenarios.update({name: sim.load_scenario(kosovo, overrides)
                          for name, overrides in kfor_variants.items()})
        panels = {"troops_deployed": "peacekeepers deployed\\n(troops, all contingents)",
                  "riots": "riots so far\\n(cumulative count)"}
        fig = band_over_time(scenarios, panels, seeds=[SEED + i for i in range(min(REPS, 10))],
                             title="Kosovo: troops and riots under three KFOR schedules",
                             cumulative={"riots"})
        save(fig, "ex2_kosovo_timeline")
        """),
        md("""
        ## Questions for discussion

        1. In Karabakh, the contingent left *after* the offensive. In the runs, what
           comes first, withdrawal or collapse? What does that say about the claim that
           the mission was "fully accomplished"?
        2. Would "never deployed" and "as it happened" differ much? If not, what was the
           contingent doing, in the model, during the years it was there?
        3. The real riots of March 2004 broke out five years into the drawdown. In the
           runs, when do the first riots come, and how many troops are left by then?
           What does the model need besides troop numbers to produce them (look at
           `rumours`)? Which of the scenario's drawdown steps come from the documents
           and which are assumptions?
        4. Keeping 50,000 troops for 24 years costs a great deal. What share of the
           benefit do you keep with a slower, not a smaller, drawdown? Try it: change
           the `day` of the drawdown events instead of their `troops`.
        5. A withdrawal is a decision of the contributor, not a random event. What would
           the parties *expect* before a scheduled withdrawal, and does the model let
           them anticipate it?

        ## What the model leaves out

        - The reasons for leaving: in Karabakh a deal between leaders, in Kosovo
          budgets, other wars and a growing local police force. The model only knows the
          dates you give it.
        - Anticipation: parties here react to troops actually present, not to an
          announced departure date.
        - Kosovo's institutions, elections and police, which took over much of KFOR's
          work as it shrank.
        """, LEAVES_OUT_COMMON),
    ]


# ------------------------------------------------------------------ exercise 3


def troops() -> list[nbformat.NotebookNode]:
    return [
        md("""
        # Exercise 3: how many troops are enough?

        **Question.** For a ceasefire in Ukraine, one proposal asked for about 10,000
        foreign troops, 5,000 civilian monitors and police, and a 10-km buffer zone; the
        Ukrainian president asked for at least 200,000. What does each buy?

        **Time:** about 15 minutes. **You will:** predict a dose-response curve, run it,
        and separate the effect of troops from monitors and the buffer zone.
        """),
        md(HOW_TO),
        md("""
        ## Historical context

        As discussions about a possible peacekeeping force for Ukraine went on,
        reports described "a 31-page proposal drafted by the Geneva Center for Security
        Policy": it "suggests establishing a 10-kilometer-wide buffer zone between the
        two armies, with 5,000 civilians and police officers patrolling the area", and
        "around 10,000 foreign troops would be required to ensure security". In January
        President Zelenskyy said that "at least 200,000 European peacekeepers would
        need to be deployed in Ukraine to prevent further Russian attacks. Otherwise, it's
        pointless." Russia "has rejected the idea of peacekeepers from European or NATO
        countries". NATO's Secretary-General, agreeing with President Trump: "before you can
        keep a peace, you need to have the peace". For comparison, KFOR began with
        about 50,000 troops in Kosovo.
        *Source: `004_81e203a96fa22155.txt`.*

        **In the model**, troops deter violations near where they stand (more troops
        per km of line, more deterrence) and cover the line against a major offensive;
        civilian monitors deter little but report incidents credibly, so an accidental
        incident is not answered with retaliation; a buffer zone keeps the armies apart
        so that fewer shots reach the other side. **Consent matters:** a force that one
        side rejects is respected less by that side.
        """),
        setup("level_curve", "outcome_bars"),
        code("""
        ukraine = sim.load_scenario("ukraine_buffer_proposal")
        print(ukraine.scenario.title, "\\n")
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
        """),
        md("""
        ### Predict first

        Draw, on paper, the share of runs in which the ceasefire holds (0-100%) against
        the number of foreign troops (0 to 200,000). Is it a straight line? Does it
        level off? Where would you put 10,000, and where 200,000?
        """),
        code("""
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
        """),
        code("""
        fig = level_curve(t, levels, "ceasefire_held",
                          xlabel="foreign troops deployed (log scale)",
                          ylabel=f"runs with the ceasefire holding after "
                                 f"{ukraine.scenario.horizon_days / 365:.0f} years",
                          title="Ukraine: how many troops are enough?", log=True)
        ax = fig.axes[0]
        for n, text in ((10_000, "proposal\\n10,000"), (200_000, "request\\n200,000")):
            ax.axvline(n, color="grey", ls=":", lw=1)
            ax.text(n, 0.05, text, fontsize=8, color="grey", ha="center")
        save(fig, "ex3_ukraine_troops")
        """),
        md("""
        ## Monitors and the buffer zone

        Now keep the troops at the proposal's level and change one part of the package
        at a time: take away the 5,000 civilian monitors, take away the buffer zone, or
        imagine that Russia, which "has rejected the idea of peacekeepers from European
        or NATO countries", consented to the force after all. Which part does the work?
        """),
        code("""
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
        """),
        code("""
        fig = outcome_bars(p, {"ceasefire_held": "ceasefire held at the horizon (% of runs)",
                               "violations_total": "ceasefire violations per run (count)",
                               "retaliations": "retaliations per run (count)"},
                           title="Ukraine: which part of the package does the work?",
                           labels={"baseline": "the proposal"})
        save(fig, "ex3_ukraine_package")
        """),
        md("""
        ## Questions for discussion

        1. Where does the curve level off? What does the model say you get for the
           190,000 troops between the proposal and the request, and what does it *not*
           count (cost, rotation, who would send them)?
        2. Which part of the package mattered most: troops, monitors, the buffer, or
           consent? Does that match your prediction?
        3. "Before you can keep a peace, you need to have the peace." In the model, what
           plays the role of "having the peace" (look at `ambition`, `commitment`,
           `strength_growth`)? Change one and run the troop sweep again.
        4. The scenario's line is about 1,000 km long (100 cells of 10 km: an
           assumption). How many troops per km of line do 10,000 and 200,000 give? Why
           would deterrence depend on troops per km rather than on the total?
        5. What would it mean for students to "validate" these numbers? What evidence
           would you need?

        ## What the model leaves out

        - Nuclear deterrence, air power, long-range strikes and drones: here, violations
          are local fire across the line.
        - Who the troops are and whom they answer to: a European force that one side
          rejects is captured only as lower consent.
        - Rotation, logistics and cost: 200,000 troops deployed means several times that
          number in the force structure.
        """, LEAVES_OUT_COMMON),
    ]


# ------------------------------------------------------------------ exercise 4


def spoiler() -> list[nbformat.NotebookNode]:
    return [
        md("""
        # Exercise 4: mediation under a spoiler

        **Question.** The EU facilitates a dialogue between Kosovo and Serbia; an
        outside power that is not at the table works to discredit it. How much does the
        spoiler change the chance of a settlement, and can a more credible mediator
        make up for it?

        **Time:** about 15 minutes. **You will:** predict, compare spoiler strengths and
        mediator credibility, and follow settlement progress over the years.
        """),
        md(HOW_TO),
        md("""
        ## Historical context

        The EU-facilitated dialogue produced agreements in April 2013 (the First
        Agreement on Principles Governing the Normalization of Relations), August 2015
        and February 2023. A policy paper argues that Russia, "while being outside of the
        negotiation table", has sought "to prevent and obstruct the successful
        conclusion of the dialogue process, by attempting to discredit the EU and the
        West", using its veto at the UN Security Council and its ties with Serbia: a
        month after the 2013 agreement Serbia signed a Declaration on Strategic
        Partnership with Russia. A land-swap idea stalled the talks until it was all but
        dropped in 2020. In
        September 2023 a Serb paramilitary group "operating from Serbia" attacked in
        northern Kosovo; on 15 December 2023 Serbia "formally refused to abide by" the
        February 2023 agreement. *Source: `003_8da17b08c6ca7ec0.txt`; KFOR and the
        riots: `004_81e203a96fa22155.txt`.*

        **In the model**, a *mediator* holds talks every few months. A round makes
        progress only if both parties' commitment is high enough and the line is calm;
        progress grows with the mediator's *credibility* in the eyes of the less
        convinced party. At full progress an agreement is signed, and each side may
        implement it or refuse. A *patron* backs one party with supply (strength,
        hostility) and a `discredit` campaign that erodes the mediator's credibility
        with its client, year after year.
        """),
        setup("band_over_time", "level_curve"),
        code("""
        kosovo = sim.load_scenario("kosovo_kfor_1999")
        for m in kosovo.mediators:
            print(f"mediator {m.name}: credibility {m.credibility}, talks every "
                  f"{m.talks_every_days} days from day {m.start_day} "
                  f"(year {m.start_day / 365:.1f})")
        for p in kosovo.patrons:
            print(f"patron {p.name} backs {p.client}: supply {p.supply}, discredit {p.discredit}")
        """),
        md("""
        ### Predict first

        1. In how many of 100 runs is a settlement reached by the end of 2023 as the
           scenario stands?
        2. Remove the spoiler's campaign (`discredit` = 0). Does that number double?
           Sketch the share of runs reaching a settlement against the strength of the
           campaign, from 0 to 1.
        3. Keep the spoiler but give the mediator more credibility (0.8). Is that as
           good as removing the spoiler?
        """),
        code("""
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
        """),
        code("""
        levels = {names[d]: d for d in LEVELS if d != strength}
        levels["baseline"] = strength
        fig = level_curve(s, levels, "settlement_reached",
                          xlabel=f"strength of {SPOILER}'s campaign (discredit, 0..1; log scale)",
                          log=True,
                          ylabel="runs reaching a settlement by 2023",
                          title="Kosovo-Serbia dialogue: how strong a spoiler does it take?")
        save(fig, "ex4_kosovo_spoiler_strength")
        """),
        md("""
        Progress toward a settlement over the years: the dialogue starts in year 12
        (March 2011); a line that reaches 1 is a signed agreement. Below it, the
        commitment to the ceasefire of the side the spoiler courts. Lines that lie on
        top of each other (e.g. along 0) belong to variants that behave alike.
        """),
        code("""
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
        """),
        md("""
        ## Questions for discussion

        1. Compare with your predictions. Is a spoiler's effect on the talks larger or
           smaller than you guessed? In the scenario the campaign runs from 1999, twelve
           years before the talks begin: why does that matter so much in the model?
        2. Can credibility be "bought back"? What would raise a real mediator's
           credibility with the party the spoiler is courting (membership prospects,
           guarantees, a different mediator)?
        3. The model signs an agreement when progress reaches 1, then each side may
           refuse to implement it. Serbia refused in December 2023. What in the model
           makes refusal more likely?
        4. Does the spoiler change the *ceasefire* (violence) or only the *settlement*?
           What does that say about "frozen" conflicts such as Transnistria?
        5. A spoiler here only discredits the mediator. List two other tools the paper
           describes (a veto, recognition campaigns, backing paramilitaries) and say
           which model parameter, if any, stands for each.

        ## What the model leaves out

        - The content of an agreement: recognition, the Association of Serb-majority
          Municipalities, a land swap. Progress here is one number from 0 to 1.
        - Domestic politics: elections in Belgrade and Pristina, public opinion.
        - The spoiler's veto in the UN Security Council and the recognition and
          de-recognition campaigns.
        """, LEAVES_OUT_COMMON),
    ]


EXERCISES = {
    "01_neutral_vs_partisan": partisan,
    "02_withdrawal_and_drawdown": withdrawal,
    "03_how_many_troops": troops,
    "04_mediation_under_a_spoiler": spoiler,
}


def build(name: str) -> nbformat.NotebookNode:
    nb = new_notebook(cells=EXERCISES[name]())
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"{name[:2]}-{i:02d}"
    nbformat.validate(nb)
    return nb


def main() -> None:
    for name in EXERCISES:
        path = NOTEBOOKS / f"{name}.ipynb"
        nbformat.write(build(name), path)
        print(f"wrote {path.relative_to(NOTEBOOKS.parent)}")


if __name__ == "__main__":
    main()
