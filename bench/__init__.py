"""Benchmarks, fault injection and fuzzing of the running platform (issue 11).

`python -m bench.bench`, `python -m bench.chaos`, `python -m bench.fuzz` (each with
`--smoke`); `make bench|chaos|fuzz` run them. Everything runs on 127.0.0.1 against the
platform as separate processes, on a private PostgreSQL cluster and a private NATS
server, so restarting either never disturbs anyone else's tests.
"""
