"""Public search that finds Thai words inside compounds (Thai has no spaces)."""
