"""A Faker provider for network-path test data in your own tests, no server needed.

    from faker import Faker
    from netpath_mock.faker import NetpathProvider

    fake = Faker()
    fake.add_provider(NetpathProvider)
    Faker.seed(1234)                       # or fake.seed_instance(1234)
    body = fake.cloudflare_network_path()  # a whole GET .../network-path answer
    test = fake.datadog_network_test()     # a whole GET /api/v2/synthetics/tests/network/{id}
    run = fake.datadog_test_result(scenario="packet-loss")

Every method draws only from the Faker instance's own random generator (`self.generator.random`),
so the same Faker seed gives the same bodies, independent of any server's MOCK_SEED. The bodies
are what the mock serves (netpath_mock.samples): realistic, and valid against the vendors'
contracts. This is the one module of the package that imports Faker; served bytes never depend
on it (tests/test_determinism.py).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from faker.providers import BaseProvider

from netpath_mock import samples

__all__ = ["NetpathProvider"]


class NetpathProvider(BaseProvider):
    """Cloudflare DEX and Datadog Network Path wire bodies and ids, from Faker's seeded random."""

    def cloudflare_account_id(self) -> str:
        """A Cloudflare account id (32 hex digits)."""
        return samples.cloudflare_account_id(self.generator.random)

    def cloudflare_test_result_id(self) -> str:
        """A DEX traceroute test result id (a UUID)."""
        return samples.cloudflare_test_result_id(self.generator.random)

    def cloudflare_network_path(
        self, scenario: str | None = None, epoch: datetime = samples.DEFAULT_EPOCH
    ) -> dict[str, Any]:
        """A whole DEX network-path answer (envelope and `result`), under `scenario` if given."""
        return samples.cloudflare_network_path(
            self.generator.random, scenario=scenario, epoch=epoch
        )

    def cloudflare_network_path_result(
        self, scenario: str | None = None, epoch: datetime = samples.DEFAULT_EPOCH
    ) -> dict[str, Any]:
        """The `result` object of a DEX network-path answer."""
        return samples.cloudflare_network_path_result(
            self.generator.random, scenario=scenario, epoch=epoch
        )

    def datadog_public_id(self) -> str:
        """A Synthetics public id (`xxx-xxx-xxx`)."""
        return samples.datadog_public_id(self.generator.random)

    def datadog_result_id(self) -> str:
        """A Synthetics result id (a decimal string below 2^63)."""
        return samples.datadog_result_id(self.generator.random)

    def datadog_network_test(self) -> dict[str, Any]:
        """A whole GetSyntheticsNetworkTest answer (`{"data": ...}`)."""
        return samples.datadog_network_test(self.generator.random)

    def datadog_test_result(
        self, scenario: str | None = None, epoch: datetime = samples.DEFAULT_EPOCH
    ) -> dict[str, Any]:
        """A whole GetSyntheticsTestResult answer, under `scenario` if given."""
        return samples.datadog_test_result(self.generator.random, scenario=scenario, epoch=epoch)

    def netpath_scenario(self) -> str:
        """The name of a named path scenario (`isp-outage`, `packet-loss`, ...)."""
        names: tuple[str, ...] = samples.SCENARIO_NAMES
        index: int = self.generator.random.randrange(len(names))
        return names[index]
