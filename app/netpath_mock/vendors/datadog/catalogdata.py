"""Static tables behind the Datadog Network Path test generator.

Everything here is plain data (tuples of strings / ints) built once at import. Where a table
encodes a vendor fact, the comment cites `shared/docs/datadog-contract-notes.md` (the "notes")
or `shared/docs/realism.md` (R25); the rest is what a real infrastructure team would plausibly
configure, chosen by hand.
"""

from __future__ import annotations

from typing import Final, get_args

from netpath_mock.data import names
from netpath_mock.vendors.datadog.schemas import PresetName

# --- Locations (notes §6 "locations") ---------------------------------------------------------

# Managed AWS regions that appear in Datadog's default_locations cassette (notes §6). Weights
# favour the regions real teams pick first (us-east-1 dominates every public example).
AWS_REGIONS: Final[tuple[tuple[str, int], ...]] = (
    ("us-east-1", 30),
    ("us-east-2", 8),
    ("us-west-1", 5),
    ("us-west-2", 14),
    ("ca-central-1", 4),
    ("sa-east-1", 3),
    ("eu-west-1", 12),
    ("eu-west-2", 6),
    ("eu-west-3", 4),
    ("eu-central-1", 9),
    ("eu-north-1", 2),
    ("eu-south-1", 1),
    ("ap-northeast-1", 6),
    ("ap-northeast-2", 2),
    ("ap-northeast-3", 1),
    ("ap-south-1", 3),
    ("ap-southeast-1", 4),
    ("ap-southeast-2", 4),
    ("ap-southeast-3", 1),
    ("ap-east-1", 1),
    ("me-south-1", 1),
    ("af-south-1", 1),
)

# Only eastus is listed for Azure in the default_locations cassette (notes §6).
AZURE_REGIONS: Final[tuple[str, ...]] = ("eastus",)

# GCP regions from the same cassette (notes §6).
GCP_REGIONS: Final[tuple[str, ...]] = (
    "us-east4",
    "us-south1",
    "us-west1",
    "us-west2",
    "europe-west3",
    "asia-northeast1",
)

# Sites that run a Datadog Agent used as a Network Path location (`agent:<name>`, notes §6).
AGENT_SITES: Final[tuple[str, ...]] = (
    "nyc1",
    "nyc2",
    "sfo1",
    "sjc2",
    "iad1",
    "ord1",
    "dfw1",
    "atl1",
    "sea1",
    "den1",
    "lon1",
    "fra1",
    "ams1",
    "sin1",
    "syd1",
    "tok1",
    "dc1",
    "dc2",
    "hq",
    "colo-east",
    "colo-west",
    "office-austin",
    "office-boston",
    "office-chicago",
    "office-london",
    "branch-denver",
    "warehouse-reno",
    "store-0412",
)

AGENT_ENVS: Final[tuple[str, ...]] = ("prod", "prod", "prod", "staging", "shared", "mgmt")

# --- Teams, services, environments ------------------------------------------------------------

TEAMS: Final[tuple[str, ...]] = (
    "netops",
    "network-eng",
    "sre",
    "platform",
    "infra",
    "core-infra",
    "cloud-platform",
    "edge",
    "noc",
    "payments",
    "checkout",
    "identity",
    "data-platform",
    "storefront",
    "mobile-backend",
    "observability",
    "security",
    "it-ops",
    "corp-it",
    "devex",
)

ENVS: Final[tuple[tuple[str, int], ...]] = (
    ("prod", 62),
    ("production", 8),
    ("staging", 18),
    ("dev", 5),
    ("qa", 4),
    ("dr", 3),
)

# (subdomain, human label, service tag, tcp port). Public endpoints a company exposes itself.
OWN_PUBLIC_ENDPOINTS: Final[tuple[tuple[str, str, str, int], ...]] = (
    ("api", "Public API", "api-gateway", 443),
    ("www", "Website", "web-frontend", 443),
    ("www", "Website", "web-frontend", 80),
    ("app", "Web app", "web-frontend", 443),
    ("checkout", "Checkout API", "checkout", 443),
    ("pay", "Payments endpoint", "payments", 443),
    ("login", "Login", "auth", 443),
    ("auth", "Auth service", "auth", 443),
    ("sso", "SSO", "identity", 443),
    ("cdn", "CDN origin", "cdn-origin", 443),
    ("static", "Static assets", "cdn-origin", 443),
    ("status", "Status page", "statuspage", 443),
    ("vpn", "VPN gateway", "vpn", 443),
    ("vpn", "VPN gateway (IKE)", "vpn", 500),
    ("gw", "Partner gateway", "partner-gateway", 8443),
    ("partners", "Partner API", "partner-api", 443),
    ("edge", "Edge proxy", "edge-proxy", 443),
    ("ws", "Websocket gateway", "realtime", 443),
    ("mqtt", "MQTT broker", "iot-ingest", 8883),
    ("sftp", "SFTP drop", "file-transfer", 22),
    ("bastion", "Bastion", "bastion", 22),
    ("smtp", "Outbound SMTP relay", "mail-relay", 587),
    ("mail", "Mail server", "mail-relay", 25),
    ("graphql", "GraphQL API", "graphql", 443),
    ("search", "Search API", "search", 443),
    ("mobile-api", "Mobile API", "mobile-backend", 443),
    ("ingest", "Event ingest", "ingest", 443),
    ("grpc", "gRPC edge", "grpc-gateway", 443),
    ("files", "File service", "file-service", 443),
    ("git", "Git server", "scm", 22),
)

DOMAIN_WORDS: Final[tuple[str, ...]] = (
    "labs",
    "logistics",
    "freight",
    "health",
    "bank",
    "pay",
    "retail",
    "foods",
    "media",
    "games",
    "energy",
    "systems",
    "tech",
    "cloud",
    "data",
    "motors",
    "travel",
    "insurance",
    "capital",
    "analytics",
    "robotics",
    "home",
    "studio",
    "works",
    "group",
    "supply",
)

PUBLIC_TLDS: Final[tuple[tuple[str, int], ...]] = (
    ("com", 70),
    ("io", 10),
    ("net", 6),
    ("co", 4),
    ("ai", 3),
    ("dev", 2),
    ("co.uk", 2),
    ("de", 2),
    ("app", 1),
)

# --- Third-party endpoints teams watch from their own network -------------------------------

# (host, label, service tag, ports). ICMP is allowed for all; ports are the TCP ports used.
SAAS_ENDPOINTS: Final[tuple[tuple[str, str, str, tuple[int, ...]], ...]] = (
    ("api.stripe.com", "Stripe API", "payments", (443,)),
    ("hooks.stripe.com", "Stripe webhooks", "payments", (443,)),
    ("api.paypal.com", "PayPal API", "payments", (443,)),
    ("api.braintreegateway.com", "Braintree", "payments", (443,)),
    ("checkout-live.adyen.com", "Adyen checkout", "payments", (443,)),
    ("api.github.com", "GitHub API", "ci", (443,)),
    ("github.com", "GitHub", "ci", (443, 22)),
    ("gitlab.com", "GitLab", "ci", (443, 22)),
    ("registry.npmjs.org", "npm registry", "ci", (443,)),
    ("pypi.org", "PyPI", "ci", (443,)),
    ("files.pythonhosted.org", "PyPI files", "ci", (443,)),
    ("registry-1.docker.io", "Docker Hub", "ci", (443,)),
    ("ghcr.io", "GitHub Container Registry", "ci", (443,)),
    ("quay.io", "Quay registry", "ci", (443,)),
    ("hooks.slack.com", "Slack webhooks", "chatops", (443,)),
    ("api.twilio.com", "Twilio API", "notifications", (443,)),
    ("api.sendgrid.com", "SendGrid API", "notifications", (443,)),
    ("smtp.sendgrid.net", "SendGrid SMTP", "notifications", (587, 465)),
    ("email-smtp.us-east-1.amazonaws.com", "SES SMTP us-east-1", "notifications", (587,)),
    ("events.pagerduty.com", "PagerDuty events", "alerting", (443,)),
    ("login.microsoftonline.com", "Entra ID login", "identity", (443,)),
    ("graph.microsoft.com", "Microsoft Graph", "identity", (443,)),
    ("outlook.office365.com", "Exchange Online", "corp-email", (443,)),
    ("accounts.google.com", "Google accounts", "identity", (443,)),
    ("www.googleapis.com", "Google APIs", "gcp", (443,)),
    ("storage.googleapis.com", "GCS", "gcp", (443,)),
    ("s3.amazonaws.com", "S3", "aws", (443,)),
    ("s3.us-west-2.amazonaws.com", "S3 us-west-2", "aws", (443,)),
    ("sts.amazonaws.com", "AWS STS", "aws", (443,)),
    ("dynamodb.us-east-1.amazonaws.com", "DynamoDB us-east-1", "aws", (443,)),
    ("sqs.eu-west-1.amazonaws.com", "SQS eu-west-1", "aws", (443,)),
    ("ecr.us-east-1.amazonaws.com", "ECR us-east-1", "aws", (443,)),
    ("management.azure.com", "Azure Resource Manager", "azure", (443,)),
    ("api.cloudflare.com", "Cloudflare API", "edge", (443,)),
    ("api.openai.com", "OpenAI API", "ml-platform", (443,)),
    ("api.anthropic.com", "Anthropic API", "ml-platform", (443,)),
    ("api.segment.io", "Segment", "analytics", (443,)),
    ("api.mixpanel.com", "Mixpanel", "analytics", (443,)),
    ("api.hubapi.com", "HubSpot API", "marketing", (443,)),
    ("login.salesforce.com", "Salesforce login", "crm", (443,)),
    ("api.zoom.us", "Zoom API", "corp-it", (443,)),
    ("slack.com", "Slack", "corp-it", (443,)),
    ("www.google.com", "Google", "internet-egress", (443, 80)),
    ("www.cloudflare.com", "Cloudflare", "internet-egress", (443,)),
    ("example.com", "example.com", "synthetic-baseline", (443, 80)),
    ("www.example.org", "example.org", "synthetic-baseline", (443, 80)),
    ("api.shopify.com", "Shopify API", "storefront", (443,)),
    ("api.intercom.io", "Intercom API", "support", (443,)),
    ("api.auth0.com", "Auth0", "identity", (443,)),
    ("sentry.io", "Sentry", "observability", (443,)),
)

# (address or name, label, UDP service port). Anycast resolvers / time servers.
RESOLVERS: Final[tuple[tuple[str, str], ...]] = (
    ("8.8.8.8", "Google Public DNS"),
    ("8.8.4.4", "Google Public DNS secondary"),
    ("1.1.1.1", "Cloudflare DNS"),
    ("1.0.0.1", "Cloudflare DNS secondary"),
    ("9.9.9.9", "Quad9 DNS"),
    ("149.112.112.112", "Quad9 DNS secondary"),
    ("208.67.222.222", "OpenDNS"),
    ("208.67.220.220", "OpenDNS secondary"),
    ("dns.google", "Google DNS"),
    ("one.one.one.one", "Cloudflare DNS"),
)

NTP_SERVERS: Final[tuple[tuple[str, str], ...]] = (
    ("time.google.com", "Google NTP"),
    ("time.cloudflare.com", "Cloudflare NTP"),
    ("time.aws.com", "AWS NTP"),
    ("pool.ntp.org", "NTP pool"),
    ("0.pool.ntp.org", "NTP pool 0"),
    ("time.windows.com", "Windows time"),
    ("time.apple.com", "Apple time"),
)

# --- Private endpoints (only reachable from an `agent:` location) -----------------------------

# (hostname prefix, label, service tag, port or 0 for ICMP-only, subtype hint).
PRIVATE_SERVICES: Final[tuple[tuple[str, str, str, int, str], ...]] = (
    ("db-primary", "Postgres primary", "postgres", 5432, "tcp"),
    ("db-replica-1", "Postgres replica", "postgres", 5432, "tcp"),
    ("pg-ledger", "Ledger DB", "ledger", 5432, "tcp"),
    ("mysql-orders", "Orders MySQL", "orders", 3306, "tcp"),
    ("redis-cache", "Redis cache", "redis", 6379, "tcp"),
    ("redis-sessions", "Session Redis", "sessions", 6379, "tcp"),
    ("kafka-broker-1", "Kafka broker", "kafka", 9092, "tcp"),
    ("kafka-broker-2", "Kafka broker", "kafka", 9092, "tcp"),
    ("es-data-0", "Elasticsearch", "search", 9200, "tcp"),
    ("rabbitmq", "RabbitMQ", "messaging", 5672, "tcp"),
    ("mongo-rs0", "MongoDB", "mongodb", 27017, "tcp"),
    ("vault", "Vault", "vault", 8200, "tcp"),
    ("consul", "Consul", "consul", 8500, "tcp"),
    ("ldap", "LDAP", "identity", 636, "tcp"),
    ("ad-dc01", "Domain controller", "active-directory", 389, "tcp"),
    ("artifactory", "Artifactory", "ci", 443, "tcp"),
    ("jenkins", "Jenkins", "ci", 443, "tcp"),
    ("internal-api", "Internal API", "internal-api", 8080, "tcp"),
    ("grpc-gateway", "gRPC gateway", "grpc-gateway", 50051, "tcp"),
    ("memcached", "Memcached", "memcached", 11211, "tcp"),
    ("smtp-relay", "SMTP relay", "mail-relay", 25, "tcp"),
    ("ns1", "Internal DNS", "dns", 53, "udp"),
    ("ns2", "Internal DNS", "dns", 53, "udp"),
    ("ntp1", "Internal NTP", "ntp", 123, "udp"),
    ("syslog", "Syslog collector", "logging", 514, "udp"),
    ("snmp-poller", "SNMP poller", "network-monitoring", 161, "udp"),
    ("radius", "RADIUS", "network-auth", 1812, "udp"),
    ("core-rtr-01", "Core router", "network", 0, "icmp"),
    ("core-sw-01", "Core switch", "network", 0, "icmp"),
    ("fw-edge-01", "Edge firewall", "network", 0, "icmp"),
    ("wan-gw", "WAN gateway", "network", 0, "icmp"),
    ("dx-gw", "Direct Connect gateway", "network", 0, "icmp"),
)

# Private DNS zones a team would run; `{c}` is the company short name, `{e}` the environment.
PRIVATE_ZONES: Final[tuple[str, ...]] = (
    "{e}.{c}.internal",
    "{c}.internal",
    "{e}.{c}.local",
    "corp.{c}.net",
    "{e}.svc.cluster.local",
    "{e}.{c}.lan",
    "dc1.{c}.net",
)

# --- Cloud front doors ------------------------------------------------------------------------

AWS_LB_APPS: Final[tuple[str, ...]] = (
    "web",
    "api",
    "checkout",
    "ingress",
    "public-alb",
    "edge",
    "k8s-ingress",
    "partner",
    "graphql",
    "auth",
)

# --- Notifications ----------------------------------------------------------------------------

# Notification presets other than the stored default `show_all` (contract enum,
# SyntheticsTestOptionsMonitorOptionsNotificationPresetName).
OTHER_PRESETS: Final[tuple[str, ...]] = tuple(p for p in get_args(PresetName) if p != "show_all")

TIMEZONES: Final[tuple[str, ...]] = (
    "America/New_York",
    "America/Chicago",
    "America/Los_Angeles",
    "Europe/London",
    "Europe/Paris",
    "Europe/Berlin",
    "Asia/Tokyo",
    "Asia/Singapore",
    "Australia/Sydney",
    "UTC",
)

# (tick_every seconds, weight). Spec range 30..604800 (notes §6); realistic tests run every
# minute to every few hours; recordings show 60, 900, 1800 (notes §6), R25 wants >= 60.
TICK_EVERY: Final[tuple[tuple[int, int], ...]] = (
    (60, 26),
    (120, 5),
    (300, 24),
    (600, 8),
    (900, 11),
    (1800, 9),
    (3600, 10),
    (7200, 2),
    (21600, 2),
    (43200, 1),
    (86400, 2),
)


# The project's own US name tables, lower-cased for domains and handles.
FIRST_NAMES: Final[tuple[str, ...]] = tuple(name.lower() for name in names.FIRST_NAMES)
LAST_NAMES: Final[tuple[str, ...]] = tuple(name.lower() for name in names.LAST_NAMES)
