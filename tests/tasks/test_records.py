"""tasks/records.py: the latency summary every record carries."""

import random

import numpy as np
import pytest

from tasks.records import latency_summary, percentile


@pytest.mark.parametrize("n", [1, 2, 3, 8, 51])
def test_percentile_is_numpys_default_to_the_last_bits(n):
    rng = random.Random(n)
    for _ in range(50):
        values = [rng.random() * 1000 for _ in range(n)]
        for q in (0, 2.5, 50, 95, 100):
            assert percentile(values, q) == pytest.approx(float(np.percentile(values, q)), rel=1e-12, abs=1e-12)
    assert percentile([3, 1, 2], 50) == 2.0 and isinstance(percentile([1, 2], 95), float)


def test_a_summary_has_the_count_and_both_percentiles_and_ticks_only_when_given():
    summary = latency_summary([10.0, 20.0, 30.0, 40.0], [1, 2, 3, 4])
    assert (summary.n, summary.p50_ms, summary.p95_ms) == (4, 25.0, 38.5)
    assert (summary.p50_ticks, summary.p95_ticks) == (2.5, 3.85)
    assert latency_summary([5.0]).p50_ticks is None
    assert latency_summary([]) is None
