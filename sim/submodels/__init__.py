"""The model's processes, one module per submodel of ``docs/ODD.md`` section 7.

``ConflictModel.step`` calls them in the order of ODD section 3:

1. ``calendar``: dated events (deployments, drawdowns, withdrawals, demands, surges)
2. ``patrons``: patrons' supply and information campaigns (patrons and spoilers)
3. ``mediation``: rounds of talks, agreements, settlement
4. ``posting``: armed units' posts and missions' patrols
5. ``deterrence``: coverage and deterrence fields
6. ``leadership``: parties' strength, legitimacy, trust, commitment, hostility, demands;
   a party's offensive is resolved by ``offensives`` (offensives and interposition)
7. ``violations``: armed units' violations, resolved with ``attribution`` (reporting
   and blame), ``grievance`` (grievance and retaliation), ``displacement`` and
   ``tension``
8. ``rumours``: rumours and riots
9. ``tension``: diffusion and decay
10. ``collapse``: has the ceasefire collapsed?

Agents (``sim/agents/``) hold state and decide; these modules resolve what follows.
Every number they use is a field of ``sim.rules.Rules``; each module's docstring names
the fields it reads.
"""
