"""Static data tables the generators draw from (owned by the project, no runtime source)."""
