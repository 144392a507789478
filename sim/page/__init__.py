"""The classroom page (Solara): pick a scenario, change one thing, watch it, compare.

Served by ``peacesim app`` (``sim.serve``), which runs ``sim.page.layout`` (its
``Page``). The map and the charts are drawn in the browser from model state
(``views``, ``state``, ``charts``); play is paced to fit the server (``play``).
Modules: ``layout`` (the page), ``controls`` (scenario and what-if), ``run_panel``
(watching one run), ``compare_view``, ``session``, ``whatif``, ``offline``.
Importing the package itself loads neither Solara nor the widgets.
"""
