"""Cloudflare DEX path operations: one module per resource, each exposing `router`.

Every module here is picked up by `ROUTERS` (module-name order); see /ROUTES.md of the
coordination notes or the README for how to add an operation.
"""

from netpath_mock.core.routing import discover_routers

ROUTERS = discover_routers(__name__)
