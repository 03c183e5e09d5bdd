# Inspraak: one Makefile for the whole workspace. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

UV_VERSION := 0.13.9
# On a fresh machine uv is installed with pip, into the same Python that then runs it.
UV ?= $(shell command -v uv 2>/dev/null || echo "python3 -m uv")
RUN := $(UV) run --frozen
# Each package's tests run in their own pytest session (each has its own `tests` package).
TEST_SUITES := libs/shared/tests deploy/local/tests deploy/helm/tests \
	services/identity/tests services/projects/tests services/contributions/tests \
	services/notifications/tests services/widget/tests services/gateway/tests \
	tests/chaos tests/fuzz tests/e2e

.PHONY: help
help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

.PHONY: install
install: ## Install uv, the Python workspace and the system packages the stack needs
	@$(UV) --version >/dev/null 2>&1 || python3 -m pip install --quiet "uv==$(UV_VERSION)"
	@missing=""; \
	command -v java >/dev/null 2>&1 || missing="$$missing openjdk-17-jre-headless"; \
	command -v mvn >/dev/null 2>&1 || missing="$$missing maven"; \
	command -v pg_ctlcluster >/dev/null 2>&1 || missing="$$missing postgresql"; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v go >/dev/null 2>&1 || [ -x /usr/local/go/bin/go ] || missing="$$missing golang-go"; \
	command -v npm >/dev/null 2>&1 || missing="$$missing npm"; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi
	$(UV) sync --all-packages --frozen
	@# The web application's NL Design System CSS and axe-core, pinned in its package-lock.
	services/gateway/tools/build-assets.sh

.PHONY: lint
lint: install ## ruff, formatting and the import contracts (services never import each other)
	$(RUN) ruff check .
	$(RUN) ruff format --check .
	$(RUN) lint-imports

.PHONY: format
format: install ## Fix what ruff can fix
	$(RUN) ruff check --fix .
	$(RUN) ruff format .

.PHONY: stack-up
stack-up: install ## Start PostgreSQL, NATS JetStream, Keycloak and the mail catcher
	$(RUN) inspraak-stack up

.PHONY: stack-down
stack-down: ## Stop everything the local stack started
	-$(RUN) inspraak-stack down

.PHONY: test
test: lint stack-up ## Lint, start the real servers, run every test suite and the smoke, stop the servers
	@status=0; \
	for suite in $(TEST_SUITES); do \
		echo "=== $$suite"; \
		$(RUN) pytest $$suite || status=1; \
	done; \
	echo "=== smoke: short bench, fuzz and chaos (bench/results/smoke/)"; \
	$(RUN) python -m bench.smoke || status=1; \
	$(RUN) inspraak-stack down; \
	exit $$status

# Benchmarks, fault injection and fuzzing (issue 11): each starts its own platform on
# private PostgreSQL and NATS servers. `make smoke` is the short version of all three on
# one platform, which `make test` (CI) runs after the suites.
.PHONY: bench
bench: install stack-up ## Voting, reading and conversation surges vs a baseline (bench/results/)
	$(RUN) python -m bench.bench $(ARGS)

.PHONY: chaos
chaos: install stack-up ## kill -9 and restarts during a voting surge: nothing lost or doubled
	$(RUN) python -m bench.chaos $(ARGS)

.PHONY: fuzz
fuzz: install stack-up ## schemathesis as each role and hostile input through the gateway
	$(RUN) python -m bench.fuzz $(ARGS)

.PHONY: smoke
smoke: install stack-up ## Short bench, fuzz and chaos on one platform (bench/results/smoke/)
	$(RUN) python -m bench.smoke $(ARGS)

.PHONY: run
run: install ## Start the stack, every service and the gateway, with a demo municipality
	$(RUN) inspraak-stack run

.PHONY: clean
clean: stack-down ## Stop everything and remove local state (.stack/, .venv/)
	rm -rf .stack .venv
