"""Pattern matching for recoupling expressions: symmetry images, phases, summand factors.

* :func:`images` lists the symmetric images of a 3j, 6j or 9j symbol with the phase each
  costs: the 24 tetrahedral symmetries of the 6j symbol (column permutations, and
  exchanging upper and lower entries in two columns; Edmonds (6.2.4)-(6.2.5)), the 12
  symmetries of the 3j symbol (column permutations and ``m -> -m``, each odd one with
  ``(-1)^(j1+j2+j3)``; Edmonds (3.7.5)-(3.7.6)) and the 72 of the 9j symbol (row and column
  permutations with ``(-1)^S`` for odd ones, S the sum of the nine spins, and
  transposition; Edmonds (6.4.6)).  Regge's symmetries are not used: they send spins to
  half-sums and do not keep expressions simple.
* :func:`canonical` picks the image with the smallest sympy sort key: the canonical form.
* :func:`normal_phase` reduces a phase exponent modulo the exact rules
  ``(-1)^(e + 2k) = (-1)^e`` for integer ``k``: a constant modulo 2, the coefficient of a
  spin modulo 4 (``2j`` is an integer) and of an integer spin modulo 2.
* :func:`split_summand` sorts the factors of a summand into recoupling symbols, weight,
  phase, powers of q and constants, which is what the sum rules match against.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import permutations
from typing import Any

import sympy

from .functions import NineJ, QInt, RecouplingSymbol, SixJ, ThreeJ, q

__all__ = [
    "Summand",
    "canonical",
    "images",
    "normal_phase",
    "split_summand",
    "unify",
]

_PERMS3 = tuple(permutations(range(3)))


def _odd(p: Sequence[int]) -> bool:
    return sum(1 for i in range(len(p)) for j in range(i + 1, len(p)) if p[i] > p[j]) % 2 == 1


def _sixj_images(args: tuple[sympy.Basic, ...]) -> Iterator[tuple[tuple[sympy.Basic, ...], sympy.Basic]]:
    cols = [(args[k], args[k + 3]) for k in range(3)]
    for p in _PERMS3:
        permuted = [cols[i] for i in p]
        for flip in ((), (0, 1), (0, 2), (1, 2)):
            c = [(lo, up) if k in flip else (up, lo) for k, (up, lo) in enumerate(permuted)]
            yield (c[0][0], c[1][0], c[2][0], c[0][1], c[1][1], c[2][1]), sympy.S.Zero


def _threej_images(args: tuple[sympy.Basic, ...]) -> Iterator[tuple[tuple[sympy.Basic, ...], sympy.Basic]]:
    js, ms = args[:3], args[3:]
    total = js[0] + js[1] + js[2]
    for p in _PERMS3:
        for flip in (False, True):
            odd = _odd(p) != flip
            m = [-ms[i] if flip else ms[i] for i in p]
            yield (js[p[0]], js[p[1]], js[p[2]], m[0], m[1], m[2]), (total if odd else sympy.S.Zero)


def _ninej_images(args: tuple[sympy.Basic, ...]) -> Iterator[tuple[tuple[sympy.Basic, ...], sympy.Basic]]:
    rows = [args[0:3], args[3:6], args[6:9]]
    total = sympy.Add(*args)
    for rp in _PERMS3:
        for cp in _PERMS3:
            odd = _odd(rp) != _odd(cp)
            m = [[rows[r][c] for c in cp] for r in rp]
            for t in (False, True):
                mm = [list(x) for x in zip(*m)] if t else m
                yield tuple(x for row in mm for x in row), (total if odd else sympy.S.Zero)


def images(node: RecouplingSymbol) -> list[tuple[tuple[sympy.Basic, ...], sympy.Basic]]:
    """The symmetric images ``(arguments, phase exponent)`` of a 3j, 6j or 9j symbol
    (``node = (-1)^phase * type(node)(*arguments)``); other symbols only have themselves."""
    if isinstance(node, ThreeJ):
        return list(_threej_images(node.args))
    if isinstance(node, SixJ):
        return list(_sixj_images(node.args))
    if isinstance(node, NineJ):
        return list(_ninej_images(node.args))
    return [(node.args, sympy.S.Zero)]


def canonical(node: RecouplingSymbol) -> tuple[sympy.Basic, sympy.Basic]:
    """``(canonical symbol, phase exponent)`` with ``node = (-1)^phase * canonical``."""
    best = min(
        images(node), key=lambda im: (sympy.default_sort_key(sympy.Tuple(*im[0])), sympy.default_sort_key(im[1]))
    )
    return node.func(*best[0]), best[1]


def normal_phase(exponent: sympy.Basic) -> sympy.Basic:
    """The exponent ``e`` reduced so that ``(-1)^e`` is unchanged (see the module docstring).

    Exact for every value of the symbols that are spins (``2j`` integral).

    >>> from tqft.symbolic.functions import spins
    >>> a, b = spins("a b")
    >>> normal_phase(5 * a - b + 3)
    a - b + 1
    """
    e = sympy.expand(exponent)
    syms = sorted(e.free_symbols, key=sympy.default_sort_key)
    if not syms:
        return e % 2 if e.is_Rational else e
    try:
        poly = sympy.Poly(e, *syms)
    except sympy.PolynomialError:
        return e
    if poly.total_degree() > 1:
        return e
    const = poly.coeff_monomial(1)
    out = const % 2 if const.is_Rational else const
    for s in syms:
        c = poly.coeff_monomial(s)
        if c.is_Integer and s.is_integer:
            c = c % 2
        elif c.is_Integer and s.is_rational:  # a spin or a projection: 2s is an integer
            c = c % 4
            if c == 3:
                c = sympy.S.NegativeOne
        out += c * s
    return out


def _phase_factors(expr: sympy.Basic) -> tuple[sympy.Basic, sympy.Basic]:
    """``(rest, exponent)`` with every ``(-1)^e`` factor of the product ``expr`` collected."""
    exponent = sympy.S.Zero
    rest = []
    for f in sympy.Mul.make_args(expr):
        if f.is_Pow and f.base == -1:
            exponent += f.exp
        elif f == -1:
            exponent += 1
        elif f.is_Number and f.is_negative:
            exponent += 1
            rest.append(-f)
        else:
            rest.append(f)
    return sympy.Mul(*rest), exponent


@dataclass
class Summand:
    """The factors of a product, sorted for matching against a sum rule."""

    symbols: list[RecouplingSymbol] = field(default_factory=list)
    weights: list[sympy.Basic] = field(default_factory=list)
    phase: sympy.Basic = sympy.S.Zero
    qpower: sympy.Basic = sympy.S.Zero
    constant: sympy.Basic = sympy.S.One
    other: list[sympy.Basic] = field(default_factory=list)


def split_summand(expr: sympy.Basic, variables: Sequence[sympy.Symbol]) -> Summand:
    """Sort the factors of the product ``expr`` by how they depend on ``variables``.

    Recoupling symbols and other factors that involve a variable go to ``symbols`` /
    ``weights`` (``2x + 1`` or ``[2x + 1]`` style factors: anything polynomial or a
    quantum integer) / ``other``; ``(-1)^e`` and ``q^e`` factors are collected into
    ``phase`` and ``qpower``; the rest multiplies into ``constant``.
    """
    rest, phase = _phase_factors(expr)
    out = Summand(phase=phase)
    vs = set(variables)
    for f in sympy.Mul.make_args(rest):
        if f.is_Pow and f.base == q:
            out.qpower += f.exp
            continue
        if f == q:
            out.qpower += 1
            continue
        if not (f.free_symbols & vs):
            out.constant *= f
            continue
        base, power = (f.base, f.exp) if f.is_Pow and f.exp.is_Integer and f.exp > 0 else (f, 1)
        for _ in range(int(power)):
            if isinstance(base, RecouplingSymbol):
                out.symbols.append(base)
            elif isinstance(base, QInt) or (base.is_polynomial(*vs) if hasattr(base, "is_polynomial") else False):
                out.weights.append(base)
            else:
                out.other.append(base)
    return out


def same(a: sympy.Basic, b: sympy.Basic) -> bool:
    """Exact structural equality up to expansion (spin arithmetic is linear)."""
    return a == b or sympy.expand(a - b) == 0


def unify(
    template: Sequence[Any], args: Sequence[sympy.Basic], binding: dict[str, sympy.Basic]
) -> dict[str, sympy.Basic] | None:
    """Extend ``binding`` so that ``template`` (variable names, or sympy expressions that must
    match exactly) equals ``args``; ``None`` if impossible."""
    out = dict(binding)
    for t, a in zip(template, args):
        if isinstance(t, str):
            if t in out:
                if not same(out[t], a):
                    return None
            else:
                out[t] = a
        elif not same(t, a):
            return None
    return out
