"""Vendor-neutral machinery: settings, errors, pipeline, limiter, journal, state."""
