"""The CI batch a TriggerCITests call opened (GetSyntheticsCIBatch)."""

from __future__ import annotations

from typing import Annotated

from netpath_mock.core.routing import service, vendor_router
from netpath_mock.vendors.datadog import errors
from netpath_mock.vendors.datadog.auth import DatadogAuth, require
from netpath_mock.vendors.datadog.ci import TestTrigger
from netpath_mock.vendors.datadog.params import BatchId, CurrentSession
from netpath_mock.vendors.datadog.schemas import SyntheticsBatchDetails

Trigger = Annotated[TestTrigger, service(TestTrigger)]

router = vendor_router(tags=["Synthetics"])


@router.get(
    "/api/v1/synthetics/ci/batch/{batch_id}",
    operation_id="GetSyntheticsCIBatch",
    summary="Get details of batch",
    response_model=SyntheticsBatchDetails,
    responses=errors.responses(not_found=errors.BATCH_NOT_FOUND),
)
def get_synthetics_ci_batch(
    batch_id: BatchId, caller: DatadogAuth, session: CurrentSession, trigger: Trigger
) -> bytes:
    """The batch, finished, or 404 "Batch does not exist." (in the session that opened it)."""
    require(caller, "synthetics_read")
    return trigger.get_batch(session, batch_id)
