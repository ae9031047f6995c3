"""Datadog Synthetics Network Path tests at /api/v2/synthetics/tests/network."""
