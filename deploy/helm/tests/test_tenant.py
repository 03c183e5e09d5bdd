"""The tenant chart: spec, apply Job, Ingress, and names that never collide between tenants."""

import pytest
import yaml

from tests.charts import (
    EXAMPLES,
    PLATFORM_CHART,
    TENANT_CHART,
    VARIANTS,
    containers,
    env_of,
    named,
    of_kind,
    pod_spec,
    render,
    template,
)

DEFAULTS = VARIANTS["tenant-defaults"]
GENT = VARIANTS["tenant-gent"]
ZWOLLE = VARIANTS["tenant-zwolle"]


def example_spec(name):
    return yaml.safe_load((EXAMPLES / f"tenant-{name}.yaml").read_text())["tenant"]


def applied_spec(manifests):
    (config_map,) = of_kind(manifests, "ConfigMap")
    return yaml.safe_load(config_map["data"]["tenant.yaml"])


def names(manifests):
    return {(m["kind"], m["metadata"]["name"]) for m in manifests}


def render_tenant(*set_values, namespace="inspraak", values_files=()):
    return template(
        TENANT_CHART,
        release="tenant",
        namespace=namespace,
        values_files=values_files,
        set_values=set_values,
    )


class TestSpec:
    def test_the_config_map_carries_the_tenant_spec_from_values(self):
        assert applied_spec(render(GENT)) == example_spec("gent")
        assert applied_spec(render(ZWOLLE)) == example_spec("zwolle")

    def test_empty_optional_keys_are_left_out_of_the_spec(self):
        spec = applied_spec(render(DEFAULTS))
        assert "keycloakUrl" not in spec
        assert "branding" not in spec

    def test_a_keycloak_url_is_passed_on(self):
        spec = applied_spec(render_tenant("tenant.keycloakUrl=https://id-2.inspraak.example"))
        assert spec["keycloakUrl"] == "https://id-2.inspraak.example"


class TestApplyJob:
    def test_a_post_install_and_post_upgrade_job_applies_the_spec(self):
        job = named(render(GENT), "Job", "tenant-gent-apply")
        annotations = job["metadata"]["annotations"]
        assert annotations["helm.sh/hook"] == "post-install,post-upgrade"
        assert annotations["helm.sh/hook-delete-policy"] == "before-hook-creation"
        (container,) = containers(job)
        assert container["command"] == ["inspraak", "tenant", "apply", "/etc/inspraak/tenant.yaml"]
        assert container["image"] == "registry.example.org/inspraak/inspraak-identity:0.1.0"
        spec = pod_spec(job)
        volumes = {v["name"]: v for v in spec["volumes"]}
        mount = next(m for m in container["volumeMounts"] if m["mountPath"] == "/etc/inspraak")
        assert volumes[mount["name"]]["configMap"]["name"] == "tenant-gent-spec"
        assert spec["serviceAccountName"] == "tenant-gent"
        named(render(GENT), "ServiceAccount", "tenant-gent")

    def test_the_job_reaches_identity_settings_through_existing_secrets(self):
        (container,) = containers(named(render(GENT), "Job", "tenant-gent-apply"))
        env = env_of(container)
        database = env["INSPRAAK_IDENTITY_DATABASE_URL"]["valueFrom"]["secretKeyRef"]
        assert database == {"name": "inspraak-database", "key": "identity-database-url"}
        admin = env["INSPRAAK_IDENTITY_KEYCLOAK_ADMIN_PASSWORD"]["valueFrom"]["secretKeyRef"]
        assert admin["name"] == "inspraak-keycloak-admin"
        assert "INSPRAAK_IDENTITY_KEYCLOAK_ADMIN_USER" in env
        token = env["INSPRAAK_IDENTITY_OPERATOR_TOKEN"]["valueFrom"]["secretKeyRef"]
        assert token == {"name": "inspraak-identity", "key": "operator-token"}
        assert env["INSPRAAK_IDENTITY_KEYCLOAK_URL"]["value"] == "http://keycloak:8080"

    def test_a_changed_spec_changes_the_job_pod(self):
        def checksum(manifests):
            job = named(manifests, "Job", "tenant-demo-apply")
            return job["spec"]["template"]["metadata"]["annotations"]["checksum/spec"]

        assert checksum(render(DEFAULTS)) != checksum(render_tenant("tenant.displayName=Other"))


class TestIngress:
    def test_routes_the_primary_and_alias_domains_to_the_platform_gateway(self):
        ingress = named(render(GENT), "Ingress", "tenant-gent")
        assert ingress["spec"]["ingressClassName"] == "nginx"
        hosts = [rule["host"] for rule in ingress["spec"]["rules"]]
        assert hosts == ["inspraak.gent.be", "participatie.gent.be"]
        for rule in ingress["spec"]["rules"]:
            (path,) = rule["http"]["paths"]
            assert path["backend"]["service"] == {
                "name": "inspraak-gateway",
                "port": {"number": 80},
            }

    def test_tls_through_cert_manager_covers_every_domain(self):
        ingress = named(render(GENT), "Ingress", "tenant-gent")
        assert ingress["metadata"]["annotations"]["cert-manager.io/cluster-issuer"] == "letsencrypt"
        assert ingress["spec"]["tls"] == [
            {"hosts": ["inspraak.gent.be", "participatie.gent.be"], "secretName": "tenant-gent-tls"}
        ]

    def test_tls_through_a_namespaced_issuer(self):
        ingress = named(
            render_tenant(
                "ingress.tls.certManager.issuerKind=Issuer",
                "ingress.tls.certManager.issuerName=acme",
            ),
            "Ingress",
            "tenant-demo",
        )
        assert ingress["metadata"]["annotations"] == {"cert-manager.io/issuer": "acme"}

    def test_tls_from_an_existing_secret_needs_no_cert_manager(self):
        ingress = named(render(ZWOLLE), "Ingress", "tenant-zwolle")
        assert "annotations" not in ingress["metadata"]
        assert ingress["spec"]["tls"] == [
            {"hosts": ["doemee.zwolle.nl"], "secretName": "zwolle-inspraak-tls"}
        ]

    def test_tls_can_be_left_to_something_in_front(self):
        ingress = named(render_tenant("ingress.tls.mode=none"), "Ingress", "tenant-demo")
        assert "tls" not in ingress["spec"]

    def test_the_class_and_annotations_are_configurable(self):
        ingress = named(
            render_tenant("ingress.className=traefik", "ingress.annotations.example\\.org/a=b"),
            "Ingress",
            "tenant-demo",
        )
        assert ingress["spec"]["ingressClassName"] == "traefik"
        assert ingress["metadata"]["annotations"]["example.org/a"] == "b"

    def test_a_platform_in_another_namespace_is_reached_through_an_external_name(self):
        service = named(render(ZWOLLE), "Service", "tenant-zwolle-gateway")
        assert service["spec"]["type"] == "ExternalName"
        assert service["spec"]["externalName"] == "inspraak-gateway.inspraak.svc.cluster.local"
        ingress = named(render(ZWOLLE), "Ingress", "tenant-zwolle")
        backend = ingress["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]
        assert backend["name"] == "tenant-zwolle-gateway"

    def test_a_platform_in_the_same_namespace_needs_no_external_name(self):
        assert not of_kind(render(GENT), "Service")

    @pytest.mark.parametrize("platform_release", ["inspraak", "prod", "inspraak-eu"])
    def test_the_backend_is_the_gateway_service_the_platform_chart_renders(self, platform_release):
        platform = template(PLATFORM_CHART, release=platform_release, namespace="inspraak")
        gateway = next(
            s["metadata"]["name"]
            for s in of_kind(platform, "Service")
            if s["metadata"]["labels"]["app.kubernetes.io/component"] == "gateway"
        )
        ingress = named(
            render_tenant(f"platform.releaseName={platform_release}"), "Ingress", "tenant-demo"
        )
        assert (
            ingress["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]["name"] == gateway
        )

    def test_the_ingress_can_be_turned_off(self):
        assert not of_kind(render_tenant("ingress.enabled=false"), "Ingress")


class TestNames:
    def test_two_tenants_side_by_side_share_no_resource_names(self):
        gent = render(GENT)
        zwolle = template(
            TENANT_CHART,
            release="tenant-zwolle",
            namespace=GENT.namespace,
            values_files=ZWOLLE.values_files,
        )
        assert not names(gent) & names(zwolle)
        assert not names(gent) & names(render(DEFAULTS))

    def test_two_releases_of_one_chart_never_share_tls_secrets_or_hosts(self):
        def claimed(manifests):
            (ingress,) = of_kind(manifests, "Ingress")
            return {t["secretName"] for t in ingress["spec"]["tls"]}, {
                r["host"] for r in ingress["spec"]["rules"]
            }

        gent_secrets, gent_hosts = claimed(render(GENT))
        default_secrets, default_hosts = claimed(render(DEFAULTS))
        assert not gent_secrets & default_secrets
        assert not gent_hosts & default_hosts

    @pytest.mark.parametrize("variant", [DEFAULTS, GENT, ZWOLLE], ids=str)
    def test_every_name_derives_from_the_slug(self, variant):
        slug = applied_spec(render(variant))["slug"]
        for manifest in render(variant):
            assert manifest["metadata"]["name"].startswith(f"tenant-{slug}"), manifest["metadata"][
                "name"
            ]
            assert manifest["metadata"]["labels"]["inspraak.eu/tenant"] == slug

    def test_long_slugs_stay_within_kubernetes_limits_and_distinct(self):
        prefix = "a" + "b" * 50
        first = render_tenant(f"tenant.slug={prefix}-first-municipality"[:75])
        second = render_tenant(f"tenant.slug={prefix}-second-municipality"[:75])
        for manifests in (first, second):
            assert all(len(m["metadata"]["name"]) <= 63 for m in manifests)
        assert not names(first) & names(second)


def test_the_helm_test_pod_sends_every_domain_to_the_ingress_controller():
    pod = named(render(GENT), "Pod", "tenant-gent-test")
    (container,) = containers(pod)
    arguments = container["command"][3:]
    assert arguments == [
        "http://ingress-nginx-controller.ingress-nginx.svc.cluster.local",
        "inspraak.gent.be",
        "participatie.gent.be",
    ]


def test_the_apply_job_reaches_only_dns_postgresql_and_keycloak():
    policy = named(render(GENT), "NetworkPolicy", "tenant-gent-apply")
    ports = {p["port"] for rule in policy["spec"]["egress"] for p in rule["ports"]}
    assert ports == {53, 5432, 8080, 443}
    assert "ingress" not in policy["spec"]
