"""The exact check of a graphical reduction: random admissible spins, numeric evaluation.

:func:`random_colouring` draws spins making a :class:`~tqft.symbolic.graphical_network.SymbolicNetwork`
a valid spin network; :func:`check_network` evaluates the network there with
:meth:`tqft.spin_network.SpinNetwork.evaluate` (Kauffman-Lins normalisation, q = 1 or the
generic-q context :func:`~tqft.exact.qcontexts.generic_q`) and the formula with
:func:`~tqft.symbolic.evaluate.exact_value`, and requires exact equality.
"""

from __future__ import annotations

import random
from fractions import Fraction
from typing import Any

import sympy

from ..errors import DerivationError
from ..exact.qcontexts import generic_q
from .derivation import CheckReport, SampleTally
from .evaluate import numeric
from .graphical_network import SymbolicNetwork

__all__ = ["check_network", "random_colouring"]


def random_colouring(
    net: SymbolicNetwork, rng: random.Random, max_spin: Any = 2, *, budget: int | None = None
) -> dict[sympy.Symbol, Fraction] | None:
    """Random spins for the free symbols of ``net`` making it a valid spin network.

    Every edge gets a non-negative integer or half-integer, every trivalent vertex an
    admissible triad and every bivalent vertex two equal spins.  Symbols declared integer
    get integers; all values are at most ``max_spin``.  A randomised depth-first search
    over the symbols in the order a breadth-first walk of the graph meets them, so that
    each vertex's condition is tested as soon as its spins are known; each symbol takes,
    with probability 1/3, a value already used first, so that equalities such as those of
    a bubble chain occur often.  ``None`` if ``budget`` search nodes (default
    ``2000 + 200 * #symbols``) find nothing.

    >>> from tqft.symbolic.graphical_examples import prism
    >>> env = random_colouring(prism(), random.Random(1))
    >>> prism().specialise(env).check() is None
    True
    """
    symbols: list[sympy.Symbol] = []
    for component in net.components():
        for v in component:
            for e, _ in net.rotation(v):
                symbols += [x for x in sorted(net.spin(e).free_symbols, key=sympy.default_sort_key) if x not in symbols]
    budget = budget if budget is not None else 2000 + 200 * len(symbols)
    index = {s: k for k, s in enumerate(symbols)}
    top = int(2 * Fraction(str(max_spin)))
    checks: list[list[tuple[sympy.Expr, ...]]] = [[] for _ in symbols]

    def due(exprs: tuple[sympy.Expr, ...]) -> int:
        return max((index[s] for x in exprs for s in x.free_symbols), default=-1)

    for e in net.edges:
        if not net.spin(e).is_Symbol and net.spin(e).free_symbols:
            checks[due((net.spin(e),))].append((net.spin(e),))
    for v in net.vertices:
        exprs = net.spins_at(v)
        if due(exprs) >= 0:
            checks[due(exprs)].append(exprs)
    env: dict[sympy.Symbol, Fraction] = {}
    nodes = 0

    def ok(exprs: tuple[sympy.Expr, ...]) -> bool:
        vals = [numeric(x, env) for x in exprs]
        if any(x < 0 or (2 * x).denominator != 1 for x in vals):
            return False
        if len(vals) == 1:
            return True
        if len(vals) == 2:
            return vals[0] == vals[1]
        a, b, c = vals
        return (a + b + c).denominator == 1 and abs(a - b) <= c <= a + b

    def search(k: int) -> bool:
        nonlocal nodes
        if k == len(symbols):
            return True
        s = symbols[k]
        values = [Fraction(c, 2) for c in range(0, top + 1, 2 if s.is_integer else 1)]
        rng.shuffle(values)
        used = [x for x in env.values() if x in values]
        if used and rng.random() < 1 / 3:
            first = rng.choice(used)
            values.remove(first)
            values.insert(0, first)
        for x in values:
            nodes += 1
            if nodes > budget:
                return False
            env[s] = x
            if all(ok(c) for c in checks[k]) and search(k + 1):
                return True
            del env[s]
        return False

    return dict(env) if search(0) else None


def check_network(
    net: SymbolicNetwork, result: sympy.Expr, quantum: bool, seed: int, samples: int, max_spin: Fraction
) -> CheckReport:
    """Compare ``result`` with the numeric evaluation of ``net`` at random admissible spins.

    Draws colourings until ``samples`` of them give a nonzero value (at most
    ``6 * samples`` tries; zeros are compared too, and at least ``samples`` comparisons are
    required) and returns the report.  A network without symbols is compared once.

    Raises
    ------
    DerivationError
        At the first mismatch (the message gives the spins and both values), if the formula
        cannot be evaluated at admissible spins, or if no colouring was found.
    """
    ctx = generic_q("q") if quantum else None
    rng = random.Random(seed)
    where = "generic q" if quantum else "q = 1"
    tally = SampleTally(f"graphical reduction of {net} ({where})", ("network", "formula"), result, quantum)
    attempts = 6 * samples if net.free_symbols else 1
    while attempts > 0 and tally.nonzero < samples:
        attempts -= 1
        env = random_colouring(net, rng, max_spin)
        if env is None:
            continue
        numeric_value = net.specialise(env).evaluate(ctx)
        tally.compare(env, ctx.value(numeric_value) if ctx is not None else numeric_value)
    if tally.done < (samples if net.free_symbols else 1):
        raise DerivationError(
            f"graphical reduction of {net} could not be checked: admissible spins were found {tally.done} times in "
            f"{6 * samples} tries, fewer than the {samples} samples required (raise max_spin?)"
        )
    return tally.report(seed, max_spin)
