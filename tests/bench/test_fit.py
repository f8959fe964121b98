"""Growth exponents and the allocation of extras (pure functions of the bench)."""

from __future__ import annotations

import pytest

from minegraph.bench.extras import allocate
from minegraph.bench.fit import exponent


def test_exponent_of_power_laws():
    assert exponent([(n, 3e-6 * n**2) for n in (1e4, 1e5, 1e6)]) == pytest.approx(2.0)
    assert exponent([(n, 0.5 * n) for n in (1e4, 1e5)]) == pytest.approx(1.0)


def test_exponent_needs_two_sizes_with_times():
    assert exponent([(1e4, 1.0)]) is None
    assert exponent([(1e4, 1.0), (1e5, None)]) is None


def test_zipf_allocation_sums_exactly_and_falls_off():
    counts = allocate(1000, 7)
    assert sum(counts) == 1000
    assert counts == sorted(counts, reverse=True) and counts[0] > 2 * counts[1] - 2
