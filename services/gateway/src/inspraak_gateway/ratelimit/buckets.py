"""Token buckets in this process's memory.

Enough for one gateway replica; with several replicas each keeps its own buckets, so the
effective limit is the configured one times the replica count (a shared store such as
NATS KV would make it exact).
"""

import math
import time
from collections import OrderedDict
from dataclasses import dataclass


@dataclass(frozen=True)
class Limit:
    capacity: int  # the burst allowed
    per_seconds: float  # one token comes back every per_seconds / capacity


@dataclass
class _Bucket:
    tokens: float
    updated: float


class TokenBuckets:
    def __init__(self, *, max_keys: int = 100_000) -> None:
        self._buckets: OrderedDict[str, _Bucket] = OrderedDict()
        self._max_keys = max_keys

    def take(self, key: str, limit: Limit, now: float | None = None) -> float:
        """Take one token: 0 when allowed, else the seconds until one is back."""
        now = time.monotonic() if now is None else now
        rate = limit.capacity / limit.per_seconds
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = _Bucket(float(limit.capacity), now)
            self._buckets[key] = bucket
        else:
            bucket.tokens = min(limit.capacity, bucket.tokens + (now - bucket.updated) * rate)
            bucket.updated = now
        self._buckets.move_to_end(key)
        # A full bucket forgets nothing when evicted: the least recently used go first.
        while len(self._buckets) > self._max_keys:
            self._buckets.popitem(last=False)
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            return 0.0
        return (1 - bucket.tokens) / rate


def retry_after(seconds: float) -> str:
    return str(max(1, math.ceil(seconds)))
