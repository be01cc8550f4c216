"""The website satisfaction survey and its published results (seed 1.10)."""
