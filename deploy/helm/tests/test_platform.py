"""The platform chart: services, workers, migrations, NATS, network policies, observability."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.charts import (
    PLATFORM_CHART,
    SERVICES,
    VARIANTS,
    containers,
    env_of,
    named,
    of_kind,
    pod_labels,
    pod_spec,
    render,
    template,
)

DEFAULTS = VARIANTS["platform-defaults"]
PRODUCTION = VARIANTS["platform-production"]
SMALL = VARIANTS["platform-small"]
# Every setting each service reads (libs/shared/src/inspraak_shared/config.py).
SETTINGS = (
    "ENVIRONMENT",
    "DATABASE_URL",
    "DATABASE_POOL_SIZE",
    "NATS_URL",
    "KEYCLOAK_URL",
    "TOKEN_AUDIENCE",
    "TRACE_SAMPLE_RATIO",
    "LOG_LEVEL",
    "LOG_JSON",
    "EMBEDDED_WORKER",
)


def api(variant, service):
    return named(render(variant), "Deployment", f"inspraak-{service}")


def container_of(workload):
    (container,) = containers(workload)
    return container


def env_value(workload, name):
    return env_of(container_of(workload))[name]["value"]


@pytest.mark.parametrize("service", SERVICES)
class TestServiceDeployments:
    def test_runs_the_service_app_with_uvicorn_on_port_8000(self, service):
        container = container_of(api(DEFAULTS, service))
        assert container["command"][:3] == [
            "uvicorn",
            "--factory",
            f"inspraak_{service}.main:create_app",
        ]
        assert container["command"][container["command"].index("--port") + 1] == "8000"
        assert container["ports"] == [{"name": "http", "containerPort": 8000, "protocol": "TCP"}]
        assert container["image"] == f"registry.example.org/inspraak/inspraak-{service}:0.1.0"

    def test_probes_healthz_for_liveness_and_readyz_for_readiness(self, service):
        container = container_of(api(DEFAULTS, service))
        assert container["livenessProbe"]["httpGet"] == {"path": "/healthz", "port": "http"}
        assert container["readinessProbe"]["httpGet"] == {"path": "/readyz", "port": "http"}

    def test_reads_every_setting_with_its_own_prefix(self, service):
        env = env_of(container_of(api(PRODUCTION, service)))
        prefix = f"INSPRAAK_{service.upper()}_"
        assert {prefix + setting for setting in SETTINGS} <= set(env)
        assert env[prefix + "KEYCLOAK_PUBLIC_URL"]["value"] == "https://id.inspraak.example.org"
        assert env[prefix + "OTLP_ENDPOINT"]["value"].endswith(":4318")
        assert env[prefix + "ENVIRONMENT"]["value"] == "production"

    def test_trusts_the_further_keycloak_instances(self, service):
        env = env_of(container_of(api(PRODUCTION, service)))
        instances = json.loads(env[f"INSPRAAK_{service.upper()}_KEYCLOAK_INSTANCES"]["value"])
        assert instances == {
            "https://id-2.inspraak.example.org": "http://keycloak-2.keycloak.svc.cluster.local:8080"
        }
        assert f"INSPRAAK_{service.upper()}_KEYCLOAK_INSTANCES" not in env_of(
            container_of(api(DEFAULTS, service))
        )

    def test_database_url_comes_from_its_key_in_the_existing_secret(self, service):
        env = env_of(container_of(api(DEFAULTS, service)))
        reference = env[f"INSPRAAK_{service.upper()}_DATABASE_URL"]["valueFrom"]["secretKeyRef"]
        assert reference == {"name": "inspraak-database", "key": f"{service}-database-url"}

    def test_has_a_service_on_its_http_port(self, service):
        svc = named(render(DEFAULTS), "Service", f"inspraak-{service}")
        assert svc["spec"]["type"] == "ClusterIP"
        assert svc["spec"]["ports"][0]["targetPort"] == "http"


def test_a_service_can_use_its_own_database_secret():
    manifests = template(
        PLATFORM_CHART,
        release="inspraak",
        namespace="inspraak",
        set_values=("services.projects.database.existingSecret=projects-db",),
    )
    deployment = named(manifests, "Deployment", "inspraak-projects")
    reference = env_of(container_of(deployment))["INSPRAAK_PROJECTS_DATABASE_URL"]["valueFrom"]
    assert reference["secretKeyRef"]["name"] == "projects-db"


def test_the_gateway_reaches_every_other_service_through_its_service():
    env = env_of(container_of(api(DEFAULTS, "gateway")))
    for service in SERVICES:
        if service != "gateway":
            url = env[f"INSPRAAK_GATEWAY_{service.upper()}_URL"]["value"]
            assert url == f"http://inspraak-{service}:80"
            named(render(DEFAULTS), "Service", f"inspraak-{service}")


def test_identity_gets_its_keycloak_admin_account_and_operator_token_from_secrets():
    env = env_of(container_of(api(DEFAULTS, "identity")))
    for key in ("USER", "PASSWORD"):
        reference = env[f"INSPRAAK_IDENTITY_KEYCLOAK_ADMIN_{key}"]["valueFrom"]["secretKeyRef"]
        assert reference["name"] == "inspraak-keycloak-admin"
    assert env["INSPRAAK_IDENTITY_KEYCLOAK_ADMIN_REALM"]["value"] == "master"
    token = env["INSPRAAK_IDENTITY_OPERATOR_TOKEN"]["valueFrom"]["secretKeyRef"]
    assert token == {"name": "inspraak-identity", "key": "operator-token"}


def test_notifications_get_smtp_settings_and_their_secrets_from_existing_secrets():
    env = env_of(container_of(api(PRODUCTION, "notifications")))
    assert env["INSPRAAK_NOTIFICATIONS_SMTP_HOST"]["value"] == "smtp.example.org"
    assert env["INSPRAAK_NOTIFICATIONS_SMTP_PORT"]["value"] == "587"
    assert env["INSPRAAK_NOTIFICATIONS_SMTP_STARTTLS"]["value"] == "true"
    assert (
        env["INSPRAAK_NOTIFICATIONS_MAIL_FROM_ADDRESS"]["value"] == "noreply@inspraak.example.org"
    )
    password = env["INSPRAAK_NOTIFICATIONS_SMTP_PASSWORD"]["valueFrom"]["secretKeyRef"]
    assert password["name"] == "inspraak-smtp"
    unsubscribe = env["INSPRAAK_NOTIFICATIONS_UNSUBSCRIBE_SECRET"]["valueFrom"]["secretKeyRef"]
    assert unsubscribe == {"name": "inspraak-notifications", "key": "unsubscribe-secret"}


def test_the_gateway_seals_session_tokens_with_a_key_from_an_existing_secret():
    env = env_of(container_of(api(PRODUCTION, "gateway")))
    key = env["INSPRAAK_GATEWAY_SESSION_KEY"]["valueFrom"]["secretKeyRef"]
    assert key == {"name": "inspraak-gateway", "key": "session-key"}


def test_without_an_smtp_secret_notifications_send_unauthenticated():
    env = env_of(container_of(api(DEFAULTS, "notifications")))
    assert "INSPRAAK_NOTIFICATIONS_SMTP_USERNAME" not in env
    assert "INSPRAAK_NOTIFICATIONS_SMTP_PASSWORD" not in env


def test_the_widget_learns_where_municipalities_point_their_domains():
    env = env_of(container_of(api(PRODUCTION, "widget")))
    assert env["INSPRAAK_WIDGET_INGRESS_HOST"]["value"] == "ingress.inspraak.example.org"
    assert json.loads(env["INSPRAAK_WIDGET_INGRESS_ADDRESSES"]["value"]) == ["203.0.113.10"]
    assert "INSPRAAK_WIDGET_INGRESS_HOST" not in env_of(container_of(api(DEFAULTS, "widget")))


class TestWorkers:
    def test_by_default_the_worker_runs_inside_the_api_process(self):
        assert not [
            d
            for d in of_kind(render(DEFAULTS), "Deployment")
            if d["metadata"]["name"].endswith("-worker")
        ]
        for service in SERVICES:
            assert (
                env_value(api(DEFAULTS, service), f"INSPRAAK_{service.upper()}_EMBEDDED_WORKER")
                == "true"
            )

    @pytest.mark.parametrize("service", SERVICES)
    def test_separate_workers_run_the_worker_command_and_turn_the_embedded_one_off(self, service):
        worker = named(render(PRODUCTION), "Deployment", f"inspraak-{service}-worker")
        container = container_of(worker)
        assert container["command"] == [f"inspraak-{service}-worker"]
        assert "ports" not in container
        setting = f"INSPRAAK_{service.upper()}_EMBEDDED_WORKER"
        assert env_value(worker, setting) == "false"
        assert env_value(api(PRODUCTION, service), setting) == "false"
        named(render(PRODUCTION), "PodDisruptionBudget", f"inspraak-{service}-worker")

    def test_worker_replicas_come_from_values(self):
        worker = named(render(PRODUCTION), "Deployment", "inspraak-notifications-worker")
        assert worker["spec"]["replicas"] == 2


class TestMigrations:
    @pytest.mark.parametrize("service", SERVICES)
    def test_a_pre_install_and_pre_upgrade_job_migrates_each_database(self, service):
        job = named(render(DEFAULTS), "Job", f"inspraak-migrate-{service}")
        annotations = job["metadata"]["annotations"]
        assert annotations["helm.sh/hook"] == "pre-install,pre-upgrade"
        assert int(annotations["helm.sh/hook-weight"]) < 0
        assert annotations["helm.sh/hook-delete-policy"] == "before-hook-creation"
        container = container_of(job)
        assert container["command"] == ["inspraak", "migrate", service]
        assert container["image"].endswith(f"/inspraak-{service}:0.1.0")
        assert "DATABASE_URL" in " ".join(env_of(container))
        spec = pod_spec(job)
        assert spec["restartPolicy"] == "Never"
        # The release's ServiceAccount does not exist yet when a pre-install hook runs.
        assert "serviceAccountName" not in spec

    def test_migrations_can_be_turned_off(self):
        manifests = template(
            PLATFORM_CHART,
            release="inspraak",
            namespace="inspraak",
            set_values=("migrations.enabled=false",),
        )
        assert not of_kind(manifests, "Job")


class TestEmbeddedNats:
    def test_without_embedded_nats_the_services_use_the_external_url(self):
        assert not of_kind(render(DEFAULTS), "StatefulSet")
        assert (
            env_value(api(DEFAULTS, "projects"), "INSPRAAK_PROJECTS_NATS_URL") == "nats://nats:4222"
        )

    def test_embedded_nats_is_a_three_server_jetstream_cluster_on_persistent_volumes(self):
        nats = named(render(SMALL), "StatefulSet", "inspraak-nats")
        assert nats["spec"]["replicas"] == 3
        assert nats["spec"]["serviceName"] == "inspraak-nats-headless"
        (claim,) = nats["spec"]["volumeClaimTemplates"]
        assert claim["spec"]["resources"]["requests"]["storage"] == "5Gi"
        assert claim["spec"]["storageClassName"] == "standard"
        mounts = {m["mountPath"]: m["name"] for m in container_of(nats)["volumeMounts"]}
        assert mounts["/data"] == claim["metadata"]["name"]
        headless = named(render(SMALL), "Service", "inspraak-nats-headless")
        assert headless["spec"]["clusterIP"] == "None"
        assert headless["spec"]["publishNotReadyAddresses"] is True
        named(render(SMALL), "PodDisruptionBudget", "inspraak-nats")

    def test_services_use_the_embedded_nats(self):
        for service in SERVICES:
            url = env_value(api(SMALL, service), f"INSPRAAK_{service.upper()}_NATS_URL")
            assert url == "nats://inspraak-nats:4222"

    def test_the_nats_configuration_is_accepted_by_a_real_nats_server(self, tmp_path: Path):
        config = named(render(SMALL), "ConfigMap", "inspraak-nats")["data"]["nats.conf"]
        assert "jetstream" in config
        assert config.count("nats://inspraak-nats-") == 3
        (tmp_path / "nats.conf").write_text(config)
        nats_server = Path(sys.executable).parent / "nats-server"
        result = subprocess.run(
            [nats_server, "-t", "-c", tmp_path / "nats.conf"],
            env={"SERVER_NAME": "inspraak-nats-0"},
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr


class TestAutoscaling:
    def test_autoscaled_deployments_leave_replicas_to_the_autoscaler(self):
        autoscaled = {
            h["spec"]["scaleTargetRef"]["name"]
            for h in of_kind(render(PRODUCTION), "HorizontalPodAutoscaler")
        }
        assert autoscaled == {"inspraak-gateway", "inspraak-contributions"}
        for deployment in of_kind(render(PRODUCTION), "Deployment"):
            has_replicas = "replicas" in deployment["spec"]
            assert has_replicas != (deployment["metadata"]["name"] in autoscaled)

    def test_no_autoscalers_by_default(self):
        assert not of_kind(render(DEFAULTS), "HorizontalPodAutoscaler")


def ingress_sources(policy):
    return [peer for rule in policy["spec"].get("ingress", []) for peer in rule["from"]]


def egress_ports(policy):
    return {port["port"] for rule in policy["spec"]["egress"] for port in rule["ports"]}


class TestNetworkPolicies:
    def test_every_pod_of_the_release_is_denied_by_default(self):
        deny = named(render(DEFAULTS), "NetworkPolicy", "inspraak-default-deny")
        assert deny["spec"]["policyTypes"] == ["Ingress", "Egress"]
        assert "ingress" not in deny["spec"]
        assert "egress" not in deny["spec"]
        selector = deny["spec"]["podSelector"]["matchLabels"]
        for variant in (DEFAULTS, SMALL):
            for workload in render(variant):
                if pod_spec(workload) is not None:
                    assert all(pod_labels(workload).get(k) == v for k, v in selector.items())

    def test_only_the_ingress_controller_reaches_the_gateway(self):
        policy = named(render(DEFAULTS), "NetworkPolicy", "inspraak-gateway")
        sources = ingress_sources(policy)
        assert {
            "namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "ingress-nginx"}}
        } in sources
        others = [
            peer for peer in sources if "podSelector" in peer and "namespaceSelector" not in peer
        ]
        assert [p["podSelector"]["matchLabels"]["app.kubernetes.io/component"] for p in others] == [
            "test"
        ]

    @pytest.mark.parametrize("service", [s for s in SERVICES if s != "gateway"])
    def test_other_services_are_reached_from_the_gateway_only(self, service):
        policy = named(render(DEFAULTS), "NetworkPolicy", f"inspraak-{service}")
        pod_sources = [p for p in ingress_sources(policy) if "namespaceSelector" not in p]
        components = {
            p["podSelector"]["matchLabels"]["app.kubernetes.io/component"] for p in pod_sources
        }
        assert components == {"gateway", "test"}
        namespace_sources = [p for p in ingress_sources(policy) if "namespaceSelector" in p]
        assert namespace_sources == [
            {"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "monitoring"}}}
        ]

    @pytest.mark.parametrize("service", SERVICES)
    def test_services_reach_dns_postgresql_nats_and_keycloak_and_only_notifications_smtp(
        self, service
    ):
        policy = named(render(PRODUCTION), "NetworkPolicy", f"inspraak-{service}")
        ports = egress_ports(policy)
        assert {53, 5432, 4222, 8080, 4318} <= ports
        assert (587 in ports) == (service == "notifications")

    def test_only_the_widget_reaches_the_municipalities_domains_for_the_routing_check(self):
        widget = named(render(PRODUCTION), "NetworkPolicy", "inspraak-widget")
        assert 443 in egress_ports(widget)
        for service in SERVICES:
            if service != "widget":
                policy = named(render(PRODUCTION), "NetworkPolicy", f"inspraak-{service}")
                assert 443 not in egress_ports(policy), service

    def test_egress_peers_come_from_values(self):
        policy = named(render(PRODUCTION), "NetworkPolicy", "inspraak-projects")
        database_rule = next(r for r in policy["spec"]["egress"] if r["ports"][0]["port"] == 5432)
        assert database_rule["to"] == [{"ipBlock": {"cidr": "10.20.0.0/24"}}]

    def test_embedded_nats_is_reached_by_this_release_only(self):
        policy = named(render(SMALL), "NetworkPolicy", "inspraak-projects")
        nats_rule = next(r for r in policy["spec"]["egress"] if r["ports"][0]["port"] == 4222)
        assert (
            nats_rule["to"][0]["podSelector"]["matchLabels"]["app.kubernetes.io/component"]
            == "nats"
        )
        nats = named(render(SMALL), "NetworkPolicy", "inspraak-nats")
        clients = nats["spec"]["ingress"][0]["from"][0]["podSelector"]["matchLabels"]
        assert clients["app.kubernetes.io/instance"] == "inspraak"

    def test_migrations_reach_postgresql_only(self):
        policy = named(render(DEFAULTS), "NetworkPolicy", "inspraak-migrations")
        assert egress_ports(policy) == {53, 5432}
        assert "ingress" not in policy["spec"]

    def test_network_policies_can_be_turned_off(self):
        manifests = template(
            PLATFORM_CHART,
            release="inspraak",
            namespace="inspraak",
            set_values=("networkPolicy.enabled=false",),
        )
        assert not of_kind(manifests, "NetworkPolicy")


class TestObservability:
    def test_pods_are_annotated_for_prometheus_scraping(self):
        annotations = api(DEFAULTS, "projects")["spec"]["template"]["metadata"]["annotations"]
        assert annotations["prometheus.io/scrape"] == "true"
        assert annotations["prometheus.io/port"] == "8000"
        assert annotations["prometheus.io/path"] == "/metrics"

    def test_a_service_monitor_scrapes_every_service(self):
        assert not of_kind(render(DEFAULTS), "ServiceMonitor")
        (monitor,) = of_kind(render(PRODUCTION), "ServiceMonitor")
        assert monitor["metadata"]["labels"]["release"] == "kube-prometheus-stack"
        assert monitor["spec"]["endpoints"] == [
            {"port": "http", "path": "/metrics", "interval": "30s", "scrapeTimeout": "10s"}
        ]
        (expression,) = monitor["spec"]["selector"]["matchExpressions"]
        assert sorted(expression["values"]) == sorted(SERVICES)

    def test_traces_carry_the_pod_and_namespace(self):
        env = env_of(container_of(api(PRODUCTION, "projects")))
        attributes = env["OTEL_RESOURCE_ATTRIBUTES"]["value"].split(",")
        assert "k8s.pod.name=$(POD_NAME)" in attributes
        assert "deployment.region=eu-west" in attributes
        names = list(env)
        assert names.index("POD_NAME") < names.index("OTEL_RESOURCE_ATTRIBUTES")

    def test_no_otlp_endpoint_by_default(self):
        assert "INSPRAAK_PROJECTS_OTLP_ENDPOINT" not in env_of(
            container_of(api(DEFAULTS, "projects"))
        )


def test_topology_spread_selects_each_deployments_own_pods():
    for deployment in of_kind(render(PRODUCTION), "Deployment"):
        (constraint,) = pod_spec(deployment)["topologySpreadConstraints"]
        assert (
            constraint["labelSelector"]["matchLabels"]
            == deployment["spec"]["selector"]["matchLabels"]
        )


def test_the_helm_test_pod_checks_readyz_of_every_service():
    pod = named(render(DEFAULTS), "Pod", "inspraak-test")
    urls = [arg for arg in container_of(pod)["command"] if arg.startswith("http://")]
    assert sorted(urls) == sorted(f"http://inspraak-{s}:80/readyz" for s in SERVICES)


def test_a_release_name_without_the_chart_name_prefixes_it():
    manifests = template(PLATFORM_CHART, release="prod", namespace="other")
    assert {s["metadata"]["name"] for s in of_kind(manifests, "Service")} == {
        f"prod-inspraak-{s}" for s in SERVICES
    }
