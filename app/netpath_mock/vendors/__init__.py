"""The vendor packages, one per API, and the registry core and main loop over.

Each package declares a `VendorSpec` in its `spec.py`; adding a vendor is adding its spec here.
"""

from netpath_mock.core.vendor import VendorSpec
from netpath_mock.vendors.cloudflare.spec import SPEC as CLOUDFLARE
from netpath_mock.vendors.datadog.spec import SPEC as DATADOG

REGISTRY: tuple[VendorSpec, ...] = (CLOUDFLARE, DATADOG)
