"""Symmetry groups and canonical forms, by property tests."""

from __future__ import annotations

from hypothesis import given
from strategies import from_domain

from tqft.identities import get
from tqft.recoupling import ninej_colours, sixj_colours, threej_colours
from tqft.recoupling.symmetry import (
    _ninej_group,
    _sixj_group,
    _threej_group,
    canonical_square,
    ninej_symmetries,
    regge_square,
    sixj_canonical,
    sixj_symmetries,
    threej_from_square,
    threej_symmetries,
)

THREEJ = get("threej_symmetries").domain
SIXJ = get("sixj_symmetries").domain
NINEJ = get("ninej_symmetries").domain


def _matmul(p, q):
    n = len(p)
    return tuple(tuple(sum(p[i][k] * q[k][j] for k in range(n)) for j in range(n)) for i in range(n))


def test_group_orders_and_sign_characters():
    for group, order in ((_threej_group(), 72), (_sixj_group(), 144), (_ninej_group(), 72)):
        assert len(group) == order
        elements = dict(group)
        assert len(elements) == order
        # closed under products, and the sign is a character (a homomorphism to Z/2)
        for g, eg in group:
            for h, eh in group[:12]:
                prod = _matmul(g, h)
                assert prod in elements
                assert elements[prod] == (eg + eh) % 2


@given(from_domain(THREEJ, 16))
def test_threej_invariant_under_72_symmetries(case):
    a, b, c, x, y = case
    args = (a, b, c, x, y, -x - y)
    value = threej_colours(*args)
    for image, sign in threej_symmetries(args):
        assert sign * threej_colours(*image) == value


@given(from_domain(SIXJ, 24))
def test_sixj_invariant_under_144_symmetries_and_canonical_key(case):
    value = sixj_colours(*case)
    key = sixj_canonical(*case)
    for image in sixj_symmetries(case):
        assert sixj_colours(*image) == value
        assert sixj_canonical(*image) == key


@given(from_domain(NINEJ, 8))
def test_ninej_invariant_under_72_symmetries_and_canonical_key(case):
    value = ninej_colours(*case)
    key, _ = canonical_square(case)
    for image, sign in ninej_symmetries(case):
        assert sign * ninej_colours(*image) == value
        assert canonical_square(image)[0] == key


@given(from_domain(THREEJ, 30))
def test_regge_square_roundtrip_and_magic_sums(case):
    a, b, c, x, y = case
    args = (a, b, c, x, y, -x - y)
    square = regge_square(*args)
    assert threej_from_square(square) == args
    big_j = (a + b + c) // 2
    rows = [sum(square[3 * r : 3 * r + 3]) for r in range(3)]
    cols = [sum(square[k::3]) for k in range(3)]
    assert rows == cols == [big_j] * 3 and min(square) >= 0
