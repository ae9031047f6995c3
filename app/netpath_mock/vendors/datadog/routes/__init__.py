"""Datadog Synthetics path operations: one module per resource, each exposing `router`.

Every module here is picked up by `ROUTERS` (module-name order).
"""

from netpath_mock.core.routing import discover_routers

ROUTERS = discover_routers(__name__)
