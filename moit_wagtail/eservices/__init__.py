"""Two-way e-services (seed 1.9): complaints and official-information requests, tracked."""
