"""Results as JSON plus a short Markdown table under bench/results/ (smoke runs under
bench/results/smoke/, which git ignores: only full runs are worth committing)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

MB = 1024 * 1024


def write(
    out: Path, name: str, document: dict[str, Any], markdown: Callable[[dict[str, Any]], str]
) -> Path:
    folder = out / "smoke" if name.endswith("smoke") else out
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.json").write_text(json.dumps(document, indent=2, default=str) + "\n")
    (folder / f"{name}.md").write_text(markdown(document))
    return folder


def _ms(value: float) -> str:
    return f"{value:.0f}" if value >= 10 else f"{value:.1f}"


def bench_markdown(doc: dict[str, Any]) -> str:
    lines = [
        f"# Benchmark ({doc['kind']} run, {doc['when']})",
        "",
        f"Machine: {doc['machine']['cpus']} CPUs, load average "
        f"{doc['machine']['load_average_1m_at_end']} "
        "at the end (other work shares the machine: compare the ratios, "
        "not the absolute figures).",
        "Load generator: Locust (headless) on 127.0.0.1; ours through the gateway with real "
        "tokens; baseline: a minimal ASGI app (INSERT one row with asyncpg / return a cached "
        "JSON) in the same run.",
        "",
        "| scenario | users | requests | errors | req/s | p50 ms | p95 ms | p99 ms "
        "| baseline req/s | baseline p50 / p99 ms | req/s ratio | p99 ratio |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, s in doc["scenarios"].items():
        o, b = s["ours"], s["baseline"]
        lines.append(
            f"| {name} | {o['users']} | {o['requests']} | {o['failures']} | {o['rps']} "
            f"| {_ms(o['p50_ms'])} | {_ms(o['p95_ms'])} | {_ms(o['p99_ms'])} | {b['rps']} "
            f"| {_ms(b['p50_ms'])} / {_ms(b['p99_ms'])} | {s['rps_ratio']} | {s['p99_ratio']} |"
        )
    lag = doc["read_model_lag"]
    n, w, wr = (
        lag["notifications_votes_changed"],
        lag["widget_input_created"],
        lag["widget_reflects_reactions"],
    )
    d = doc["delivery"]
    lines += [
        "",
        "Read-model lag (event committed in contributions → processed by the consumer):",
        "",
        "| read model | events | reflected | p50 ms | p99 ms | max ms |",
        "|---|---|---|---|---|---|",
        _lag_row("notifications ← votes.changed", n),
        _lag_row("widget ← input.created", w),
        "",
        f"Widget catalog vs reactions after the surge: {wr['widget_matches']} of "
        f"{wr['inputs_with_reactions']} inputs show the right `up` count.",
        f"Events delivered: {d['events']} contributions events, {d['unpublished']} unpublished, "
        f"missing per consumer {d['missing']}.",
        "",
        "Memory (RSS, MB) per service process:",
        "",
        "| service | idle after start | at rest after setup | peak under load |",
        "|---|---|---|---|",
    ]
    mem = doc["memory_bytes"]
    peaks: dict[str, int] = {}
    for s in doc["scenarios"].values():
        for key, value in s["ours"]["memory_peak"].items():
            peaks[key] = max(peaks.get(key, 0), value)
    for service in mem["rest"]:
        lines.append(
            f"| {service} | {mem['idle'].get(service, 0) / MB:.0f} "
            f"| {mem['rest'][service] / MB:.0f} | {peaks.get(service, 0) / MB:.0f} |"
        )
    base_peak = max(
        (s["baseline"]["memory_peak"].get("baseline", 0) for s in doc["scenarios"].values()),
        default=0,
    )
    lines += [f"| baseline app | | | {base_peak / MB:.0f} |", ""]
    lines.append(
        f"Platform start (databases, migrations, six services ready): "
        f"{doc['platform_start_seconds']} s; whole run {doc['seconds']} s."
    )
    return "\n".join(lines) + "\n"


def _lag_row(name: str, lag: dict[str, Any]) -> str:
    figures = (lag["events"], lag["reflected"], lag["p50_ms"], lag["p99_ms"], lag["max_ms"])
    return f"| {name} | " + " | ".join(str(f) for f in figures) + " |"


def bench_ok(doc: dict[str, Any]) -> bool:
    """A run is sound when every scenario ran without errors and every event arrived."""
    scenarios_ok = all(
        s["ours"]["requests"] > 0 and s["ours"]["failures"] == 0 and s["baseline"]["failures"] == 0
        for s in doc["scenarios"].values()
    )
    d = doc["delivery"]
    return scenarios_ok and d["unpublished"] == 0 and not any(d["missing"].values())


def chaos_markdown(doc: dict[str, Any]) -> str:
    v, e, m = doc["votes"], doc["events"], doc["mails"]
    lines = [
        f"# Fault injection ({doc['kind']} run, {doc['when']})",
        "",
        "A voting surge through the gateway while contributions and notifications are killed "
        "with SIGKILL (and started again), NATS is restarted and PostgreSQL is restarted "
        "(immediate mode: no checkpoint, crash recovery). Clients retry an unanswered vote "
        "with its Idempotency-Key.",
        "",
        "| votes | figure |",
        "|---|---|",
        f"| accepted (2xx seen by clients) | {v['accepted']} |",
        f"| rejected (4xx seen by clients) | {v['rejected']} {v['rejected_by_status'] or ''} |",
        f"| unresolved after {RETRY_SECONDS} s of retries | {v['unresolved']} |",
        f"| retries after no or a 5xx answer | {v['retries']} |",
        f"| counted in the database | {v['counted']} |",
        f"| **lost** (accepted, not counted) | **{v['lost']}** |",
        f"| **duplicated** | **{v['duplicated']}** |",
        f"| counted though rejected | {v['counted_though_rejected']} |",
        f"| counted though never accepted | {v['counted_never_accepted']} |",
        f"| inputs whose tally is wrong (contributions / notifications read model) "
        f"| {v['tallies_wrong']} / {v['notifications_tallies_wrong']} |",
        "",
        f"Answers seen: {v['answers']}.",
        "",
        f"Events: {e['total']} contributions events, {e['unpublished']} unpublished, "
        f"missing per consumer {e['missing']} "
        f"(all delivered {doc.get('all_events_delivered_after_seconds', '?')} s after the surge).",
        "",
        f"Notification e-mails (replies to comments): {m['replies_stored']} replies stored "
        f"({m['replies_accepted']} accepted, {m['replies_unknown']} without an answer), "
        f"{m['expected']} e-mails expected, {m['sent']} sent, **lost {m['lost']}, "
        f"duplicated {m['duplicated']}**.",
        "",
        "| fault | process down or restarting (s) | longest time without an accepted vote (s) |",
        "|---|---|---|",
    ]
    for f in doc["faults"]:
        lines.append(f"| {f['name']} | {f['down_seconds']} | {f['recovered_seconds']} |")
    lines += [
        "",
        f"Surge {doc.get('surge_seconds')} s; "
        f"platform start {doc.get('platform_start_seconds')} s; "
        f"whole run {doc.get('seconds')} s.",
    ]
    return "\n".join(lines) + "\n"


RETRY_SECONDS = 120


def fuzz_markdown(doc: dict[str, Any]) -> str:
    findings = doc["findings"]
    kinds: dict[str, int] = {}
    for f in findings:
        kinds[f["kind"]] = kinds.get(f["kind"], 0) + 1
    lines = [
        f"# Fuzzing ({doc['kind']} run, {doc['when']}, seed {doc['seed']})",
        "",
        f"schemathesis on the gateway's merged OpenAPI: {doc['operations']} operations x roles "
        f"{', '.join(doc['roles'])} x modes {', '.join(doc['modes'])}, up to {doc['max_examples']} "
        f"examples each; {doc['requests']} requests in {doc['fuzz_seconds']} s.",
        "",
        f"Statuses: {doc['statuses']}.",
        "",
        *(f"- {role}: {statuses}" for role, statuses in doc.get("statuses_by_role", {}).items()),
        "",
        f"Findings: {len(findings)} {kinds or ''} (server errors, errors that are not "
        "problem+json, another tenant's data, no answer, a body over the limit not refused "
        "with 413).",
        "",
    ]
    cells = doc.get("by_service_role", {})
    if cells:
        lines += ["| service | role | cases | failures |", "|---|---|---|---|"]
        for cell, figures in cells.items():
            service, role = cell.split(" ", 1)
            lines.append(f"| {service} | {role} | {figures['cases']} | {figures['failures']} |")
        lines.append("")
    if findings:
        lines += [
            "| kind | role | operation | status | request | detail |",
            "|---|---|---|---|---|---|",
        ]
        for f in findings[:60]:
            request = json.dumps(f["request"], default=str)[:400].replace("|", "\\|")
            detail = str(f["detail"])[:200].replace("|", "\\|").replace("\n", " ")
            cells = (f["kind"], f["role"], f["operation"], f["status"], f"`{request}`", detail)
            lines.append("| " + " | ".join(str(c) for c in cells) + " |")
        lines.append("")
    lines += ["Hand-written cases:", "", "| case | answer |", "|---|---|"]
    for name, value in doc["hand_written"].items():
        lines.append(f"| {name} | {json.dumps(value, default=str).replace('|', '/')} |")
    lines += [
        "",
        f"Services alive afterwards: {doc['services_alive_after']}.",
        f"Platform start {doc['platform_start_seconds']} s; whole run {doc['seconds']} s.",
    ]
    return "\n".join(lines) + "\n"
