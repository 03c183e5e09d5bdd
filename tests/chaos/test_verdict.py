"""The chaos verdict: what the clients saw against what the database holds.

The fault run itself (`make chaos`, `make smoke`) needs the whole platform for minutes;
these tests prove that its arithmetic would catch each kind of failure it claims to.
"""

import asyncio
import dataclasses
from collections import Counter

from bench import chaos, checks

ALICE, BOB = "alice-id", "bob-id"


def _surge(accepted=(), rejected=None, unresolved=()):
    surge = chaos.Surge.__new__(chaos.Surge)  # the figures only: no platform behind it
    surge.ledger = chaos.Ledger(
        accepted=set(accepted), rejected=dict(rejected or {}), unresolved=set(unresolved)
    )
    return surge


def _document(surge, votes, tallies=None, read_model=None, missing=None, mails=None, expected=None):
    per_input = Counter(i for _, i in Counter(votes).elements())
    counted = {
        "votes": Counter(votes),
        "tallies": dict(per_input) if tallies is None else tallies,
        "replies": [],
    }
    delivery = checks.Delivery(events=10, unpublished=0, missing=missing or {"x": 0})
    faults = [chaos.Fault("kill -9 contributions", at=0.0, down_seconds=1.0, recovered_seconds=2.0)]
    return chaos._document(
        True,
        chaos.SMOKE,
        None,
        surge,
        faults,
        counted,
        delivery,
        Counter(expected or {}),
        Counter(mails or {}),
        dict(per_input) if read_model is None else read_model,
    )


def test_every_accepted_vote_counted_once_passes():
    surge = _surge(accepted={(ALICE, "i1"), (BOB, "i1")}, rejected={(ALICE, "i2"): 409})
    doc = _document(surge, [(ALICE, "i1"), (BOB, "i1")])
    assert doc["votes"]["lost"] == 0
    assert doc["votes"]["duplicated"] == 0
    assert chaos.chaos_ok(doc)


def test_an_accepted_vote_missing_from_the_database_is_lost():
    surge = _surge(accepted={(ALICE, "i1"), (BOB, "i1")})
    doc = _document(surge, [(ALICE, "i1")])
    assert doc["votes"]["lost"] == 1
    assert not chaos.chaos_ok(doc)


def test_a_vote_stored_twice_is_a_duplicate():
    surge = _surge(accepted={(ALICE, "i1")})
    doc = _document(surge, [(ALICE, "i1"), (ALICE, "i1")])
    assert doc["votes"]["duplicated"] == 1
    assert not chaos.chaos_ok(doc)


def test_a_vote_the_client_saw_rejected_must_not_count():
    surge = _surge(accepted={(BOB, "i1")}, rejected={(ALICE, "i1"): 409})
    doc = _document(surge, [(ALICE, "i1"), (BOB, "i1")])
    assert doc["votes"]["counted_though_rejected"] == 1
    assert not chaos.chaos_ok(doc)


def test_a_wrong_tally_or_read_model_fails_the_run():
    surge = _surge(accepted={(ALICE, "i1"), (BOB, "i1")})
    votes = [(ALICE, "i1"), (BOB, "i1")]
    assert not chaos.chaos_ok(_document(surge, votes, tallies={"i1": 1}))
    assert not chaos.chaos_ok(_document(surge, votes, read_model={"i1": 3}))


def test_an_event_a_consumer_never_processed_fails_the_run():
    surge = _surge(accepted={(ALICE, "i1")})
    doc = _document(surge, [(ALICE, "i1")], missing={"widget-contributions": 1})
    assert not chaos.chaos_ok(doc)


def test_mails_are_compared_per_recipient():
    surge = _surge(accepted={(ALICE, "i1")})
    expected = {"a@x.org": 2, "b@x.org": 1}
    doc = _document(surge, [(ALICE, "i1")], expected=expected, mails={"a@x.org": 1, "b@x.org": 2})
    assert doc["mails"]["lost"] == 1
    assert doc["mails"]["duplicated"] == 1
    assert not chaos.chaos_ok(doc)


def test_percentiles_of_lags():
    values = [float(v) for v in range(1, 101)]
    assert checks.percentile(values, 50) == 50.5
    assert checks.percentile(values, 99) > 98
    assert checks.percentile([], 50) == 0.0


def test_the_outage_is_the_longest_gap_between_accepted_votes():
    fault = chaos.Fault("restart PostgreSQL", at=100.0, down_seconds=5.0)
    # A vote in flight is accepted just after the fault; then nothing for 7 s.
    accepted = [99.0, 100.1, 107.1, 107.5, 130.0]
    assert chaos._outage(accepted, fault, settle=3.0) == 7.0
    assert chaos._outage([99.0], fault, settle=3.0) == -1.0


class _Recorder:
    """Stands in for the platform: records which faults were injected, in what order."""

    def __init__(self):
        self.done = []

    def kill(self, service):
        self.done.append(f"kill {service}")

    def start_service(self, service):
        self.done.append(f"start {service}")
        return 0.5

    def restart_nats(self):
        self.done.append("restart nats")
        return 0.2

    def restart_postgres(self):
        self.done.append("restart postgres")
        return 0.3


def _inject(size):
    platform = _Recorder()
    surge = _surge()
    faults = asyncio.run(chaos._faults(platform, surge, dataclasses.replace(size, settle=0)))
    return platform.done, faults


def test_the_full_run_injects_every_fault_in_order():
    done, faults = _inject(chaos.FULL)
    assert done == [
        "kill contributions", "start contributions", "kill notifications",
        "start notifications", "restart nats", "restart postgres",
    ]  # fmt: skip
    assert [f.down_seconds for f in faults] == [0.5, 0.5, 0.2, 0.3]


def test_the_smoke_run_kills_the_service_that_stores_votes_once():
    done, faults = _inject(chaos.SMOKE)
    assert done == ["kill contributions", "start contributions"]
    assert [f.name for f in faults] == ["kill -9 contributions"]


def test_recovery_counts_a_vote_accepted_after_the_last_settle():
    # A vote retried through the outage lands after the faults are over: it still
    # shows that voting recovered (it was computed too early once, and said -1).
    fault = chaos.Fault("kill -9 contributions", at=10.0, down_seconds=39.0)
    ledger = chaos.Ledger(accept_times=[9.0, 53.5])
    chaos._recoveries([fault], ledger, settle=2.0)
    assert fault.recovered_seconds == 43.5
    lost = chaos.Fault("kill -9 contributions", at=10.0, down_seconds=39.0)
    chaos._recoveries([lost], chaos.Ledger(accept_times=[9.0]), settle=2.0)
    assert lost.recovered_seconds == -1.0
