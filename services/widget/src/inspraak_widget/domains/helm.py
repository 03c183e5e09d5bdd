"""The values block of the inspraak-tenant Helm chart for a tenant's domains.

The chart's Ingress rules and TLS hosts both derive from `tenant.domains` (see
deploy/helm/inspraak-tenant), so this block is all the operator adds to route a domain and
get its certificate. It leaves out every other value: layered after the release's own
values file (`-f tenant.yaml -f domains.yaml`) it changes the domains and nothing else.
"""

from collections.abc import Sequence

import yaml

CHART = "deploy/helm/inspraak-tenant"


def values_document(primary: str, aliases: Sequence[str]) -> dict[str, object]:
    return {"tenant": {"domains": {"primary": primary, "aliases": list(aliases)}}}


def values_block(primary: str, aliases: Sequence[str]) -> str:
    """The YAML alone, as it goes into a values file."""
    return yaml.safe_dump(values_document(primary, aliases), sort_keys=False)


def values_file(tenant: str, version: int, primary: str, aliases: Sequence[str]) -> str:
    """The block with a header that says what it is and how to apply it."""
    header = (
        f"# Domains of tenant '{tenant}' for the inspraak-tenant chart (version {version} of\n"
        "# the IT officer's domains in the widget service). The Ingress hosts and the TLS\n"
        "# certificate's hosts follow tenant.domains. Apply it after the release's own values:\n"
        f"#   helm upgrade <release> {CHART} -f <tenant values>.yaml -f {tenant}-domains.yaml\n"
    )
    return header + values_block(primary, aliases)
