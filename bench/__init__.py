"""Benchmarks, fault injection and fuzzing of the running platform (issue 11).

`python -m bench.bench`, `python -m bench.chaos`, `python -m bench.fuzz` (each with
`--smoke`); `make bench|chaos|fuzz` run them, and `make smoke` (part of `make test`) runs
the short versions of all three on one platform (`python -m bench.smoke`). Everything runs
on 127.0.0.1 against the platform as separate processes, on a private PostgreSQL cluster
(the smoke run: the stack's, it restarts none) and a private NATS server, so restarting
either never disturbs anyone else's tests.
"""
