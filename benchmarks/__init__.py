"""Speed benchmarks of peacesim against Mesa's Epstein civil-violence example (`make bench`)."""
