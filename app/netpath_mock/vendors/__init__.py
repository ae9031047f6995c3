"""The vendor packages, one per API, each with the same file roles."""
