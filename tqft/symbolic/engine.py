"""The rewrite engine: simplify a recoupling expression and record every step.

:func:`derive` rewrites an expression until no rule applies, in this order of preference,
always at the innermost sum first:

1. ``admissible_range``: a sum written without bounds (:class:`~tqft.symbolic.ranges.SpinSum`,
   ``Sum(f, x)`` in the input syntax) runs over every ``x``
   for which the summand can be nonzero; the bounds implied by the triads that contain ``x``
   are written out, ``max |u - v| <= x <= min (u + v)``.
2. ``linearity``: a sum of a sum is split; factors that do not depend on the summation
   variable come out.
3. The sum rules of :mod:`tqft.symbolic.rules` (orthogonality, Racah, Biedenharn-Elliott,
   9j, the two single sums, the 3j orthogonality relations, and the q-analogues).
4. ``dimension_count``: ``sum_{x=|a-b|}^{a+b} (2x+1) = (2a+1)(2b+1)`` (and ``[2x+1]``
   summing to ``[2a+1][2b+1]``).
5. Small-spin closed forms of 3j and 6j symbols (:mod:`tqft.symbolic.closed_forms`), when
   ``closed_forms=True`` and the module is available.
6. ``symmetry``: every 3j, 6j and 9j symbol is brought to its canonical form among its
   symmetric images (:func:`tqft.symbolic.patterns.canonical`), so equal symbols written
   differently combine.
7. ``phases``: phase factors merge into one ``(-1)^e`` with ``e`` reduced
   (:func:`~tqft.symbolic.patterns.normal_phase`); a triangle indicator implied by a
   recoupling symbol still present is dropped.

``expand=("biedenharn_elliott", "ninej_as_sixj_sum", "racah_sum_rule", ...)`` first reads
those identities from right to left (a 9j symbol becomes its sum of 6j products, a product
of two 6j symbols sharing a row becomes the pentagon sum) and does not fold them back.

Then the start and the result are checked by exact evaluation at random admissible spins
(:func:`tqft.symbolic.derivation.check_equal`); a failure raises
:class:`~tqft.errors.DerivationError`.
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction
from typing import Any

import sympy
from sympy import KroneckerDelta

from ..errors import InvalidArgumentError
from .derivation import CheckReport, Derivation, Step, check_equal
from .functions import InRange, NineJ, QInt, QThreeJ, RecouplingSymbol, SixJ, ThreeJ, Triangle, dimension
from .patterns import canonical, images, normal_phase, same
from .ranges import SpinSum, triads
from .rules import SUM_RULES, Rewrite, expand_symbol, match_sum, match_threej_sum

__all__ = ["MAX_STEPS", "derive", "simplify"]

#: Largest number of rewrites in one derivation (each rule strictly shrinks the expression
#: or its number of sums, so a long run means a loop; it is reported, not left spinning).
MAX_STEPS = 200


def _sums_innermost_first(expr: sympy.Basic) -> list[sympy.Basic]:
    return [n for n in sympy.postorder_traversal(expr) if isinstance(n, (sympy.Sum, SpinSum))]


def _range_rewrite(node: SpinSum) -> Rewrite:
    new = node.explicit()
    bounds = "; ".join(f"{sympy.sstr(lo)} <= {x} <= {sympy.sstr(hi)}" for x, lo, hi in new.limits)
    return Rewrite(
        node,
        new,
        "admissible_range",
        "the summation range implied by admissibility, written out",
        r"\max |u - v| \le x \le \min (u + v)\ \text{over the triads } (u, v, x);\ -j \le m \le j",
        (),
        f"{bounds}, in steps of 1",
    )


def _parity_representative(lo: sympy.Basic) -> sympy.Basic | None:
    """An expression ``w`` with ``lo - w`` an integer: ``u - v`` for ``|u - v|`` (also inside a Max)."""
    if isinstance(lo, sympy.Max):
        lo = lo.args[0]
    if isinstance(lo, sympy.Abs):
        return lo.args[0]
    if lo.is_Rational or lo.is_Symbol or lo.is_Add:
        return lo
    return None


def _parity(node: sympy.Sum) -> Rewrite | None:
    """``(-1)^(2k x) = (-1)^(2k w)`` on ``x = lo, lo + 1, ...`` when ``lo - w`` is an integer."""
    if len(node.limits) != 1 or len(node.limits[0]) != 3:
        return None
    x, lo, _hi = node.limits[0]
    w = _parity_representative(lo)
    if w is None:
        return None
    mapping = {}
    for f in sympy.Mul.make_args(node.function):
        if f.is_Pow and f.base == -1 and x in f.exp.free_symbols:
            e = sympy.expand(f.exp)
            c = e.coeff(x)
            if c.is_Integer and int(c) % 2 == 0 and x not in (e - c * x).free_symbols:
                mapping[f] = sympy.Pow(-1, normal_phase(e - c * x + c * w))
    if not mapping:
        return None
    new = sympy.Sum(node.function.xreplace(mapping), *node.limits)
    return Rewrite(
        node,
        new,
        "parity",
        f"an even multiple of {x} in a phase depends only on the parity class of the range",
        "",
        (),
        f"{x} - ({sympy.sstr(w)}) is an integer on every term, so (-1)^(2k {x}) = (-1)^(2k ({sympy.sstr(w)}))",
    )


def _range_triangle(node: sympy.Sum) -> Rewrite | None:
    """A triangle indicator ``{u v x}`` is 1 on every term of a sum whose range lies in ``|u-v| .. u+v``."""
    if len(node.limits) != 1 or len(node.limits[0]) != 3:
        return None
    x, lo, hi = node.limits[0]
    lows = lo.args if isinstance(lo, sympy.Max) else (lo,)
    highs = hi.args if isinstance(hi, sympy.Min) else (hi,)
    mapping = {}
    for f in sympy.Mul.make_args(node.function):
        if isinstance(f, Triangle) and x in f.args:
            u, v = [a for a in f.args if a != x] + [None] * (3 - len(f.args))
            if u is None or v is None:
                continue
            if any(same(w, sympy.Abs(u - v)) for w in lows) and any(same(w, u + v) for w in highs):
                mapping[f] = sympy.S.One
    if not mapping:
        return None
    return Rewrite(
        node,
        sympy.Sum(node.function.xreplace(mapping), *node.limits),
        "admissible_range",
        "triangle conditions that hold on the whole range of the sum",
        "",
        (),
        ", ".join(f"{sympy.sstr(t)} = 1" for t in mapping),
    )


def _linearity(node: sympy.Sum) -> Rewrite | None:
    body = node.function
    if body.is_Add and any(t.has(RecouplingSymbol) for t in body.args):
        new = sympy.Add(*(sympy.Sum(t, *node.limits) for t in body.args))
        return Rewrite(node, new, "linearity", "a sum of terms is the sum of their sums", "", (), "")
    variables = {lim[0] for lim in node.limits}
    outside = [f for f in sympy.Mul.make_args(body) if not (f.free_symbols & variables)]
    if outside and len(node.limits) and all(len(lim) == 3 for lim in node.limits):
        # factors free of the summation variables; bounds must not depend on them either
        out = sympy.Mul(*outside)
        if out != 1:
            inner = sympy.Mul(*[f for f in sympy.Mul.make_args(body) if f.free_symbols & variables])
            return Rewrite(
                node,
                out * sympy.Sum(inner, *node.limits),
                "linearity",
                "factors independent of the summation variable come out of the sum",
                "",
                (),
                "",
            )
    return None


def _dimension_count(node: sympy.Sum) -> Rewrite | None:
    if len(node.limits) != 1 or len(node.limits[0]) != 3:
        return None
    x, lo, hi = node.limits[0]
    body = node.function
    quantum = isinstance(body, QInt)
    if not (same(body, 2 * x + 1) or (quantum and same(body.args[0], 2 * x + 1))):
        return None
    if not (isinstance(lo, sympy.Abs) and lo.args[0].is_Add and len(lo.args[0].args) == 2):
        return None
    u, v = lo.args[0].args
    v = -v
    if not same(hi, u + v):
        return None
    value = dimension(u, quantum) * dimension(v, quantum)
    return Rewrite(
        node,
        value,
        "dimension_count",
        "the dimension of V_a (x) V_b is the sum of the dimensions of its summands",
        r"\sum_{x=|a-b|}^{a+b} (2x+1) = (2a+1)(2b+1)" if not quantum else r"\sum_{x=|a-b|}^{a+b} [2x+1] = [2a+1][2b+1]",
        (("a", u), ("b", v)),
    )


def _sum_rewrites(node: sympy.Basic, disabled: set[str]) -> Rewrite | None:
    if isinstance(node, SpinSum):
        return _range_rewrite(node)
    for fn in (_dimension_count, _parity, _range_triangle, _linearity):
        found = fn(node)
        if found is not None:
            return found
    for rule in SUM_RULES:
        if rule.name in disabled:
            continue
        found = match_sum(rule, node)
        if found is not None:
            return found
    return match_threej_sum(node)


def _canonical_forms(expr: sympy.Basic) -> tuple[sympy.Basic, list[tuple[str, sympy.Basic]]]:
    mapping: dict[sympy.Basic, sympy.Basic] = {}
    for node in sympy.preorder_traversal(expr):
        if isinstance(node, (ThreeJ, SixJ, NineJ)) and not isinstance(node, QThreeJ) and node not in mapping:
            form, phase = canonical(node)
            if form != node:
                mapping[node] = (-1) ** normal_phase(phase) * form if phase != 0 else form
    if not mapping:
        return expr, []
    return expr.xreplace(mapping), [(sympy.sstr(k), v) for k, v in mapping.items()]


def _bound_variables(expr: sympy.Basic) -> set[sympy.Symbol]:
    return {lim[0] for n in sympy.preorder_traversal(expr) if isinstance(n, sympy.Sum) for lim in n.limits}


def _tidy(expr: sympy.Basic) -> sympy.Basic:
    """Merge phases of each product into one reduced ``(-1)^e``; drop implied triangle indicators."""

    def visit(e: sympy.Basic) -> sympy.Basic:
        if not e.args or isinstance(e, (RecouplingSymbol, Triangle, QInt)):
            return e
        if isinstance(e, sympy.Sum):
            body = visit(e.function)
            if body != e.function:
                e = sympy.Sum(body, *e.limits)
        else:
            args = tuple(visit(a) for a in e.args)
            if args != e.args:
                e = e.func(*args)
        if not e.is_Mul:
            if e.is_Pow and e.base == -1:
                return sympy.Pow(-1, normal_phase(e.exp))
            return e
        exponent = sympy.S.Zero
        rest: list[sympy.Basic] = []
        phases = []
        for f in e.args:
            if f.is_Pow and f.base == -1:
                exponent += f.exp
                phases.append(f)
            elif f == -1:
                exponent += 1
                phases.append(f)
            else:
                rest.append(f)
        count = len(rest)
        implied = {
            frozenset(sympy.default_sort_key(v) for v in t)
            for f in rest
            if isinstance(f, RecouplingSymbol) or (f.is_Pow and isinstance(f.base, RecouplingSymbol))
            for t in triads(f if isinstance(f, RecouplingSymbol) else f.base)
        }
        rest = [
            f
            for f in rest
            if not (isinstance(f, Triangle) and frozenset(sympy.default_sort_key(v) for v in f.args) in implied)
        ]
        exponent = normal_phase(exponent)
        single = not phases or (phases[0].is_Pow and phases[0].exp == exponent) or (phases[0] == -1 and exponent == 1)
        if len(rest) == count and len(phases) <= 1 and single:
            return e  # nothing to merge or drop: keep the layout (e.g. a closed form's single root)
        if exponent.is_Integer:
            sign = -1 if int(exponent) % 2 else 1
            return sign * sympy.Mul(*rest)
        return sympy.Mul(*rest) * sympy.Pow(-1, exponent, evaluate=False)

    return visit(expr)


class _Run:
    def __init__(self, start: sympy.Basic) -> None:
        self.current = start
        self.steps: list[Step] = []

    def record(
        self, rule: str, title: str, after: sympy.Basic, statement: str = "", sub: Any = (), note: str = ""
    ) -> None:
        if len(self.steps) >= MAX_STEPS:
            raise InvalidArgumentError(f"the derivation exceeded {MAX_STEPS} steps (a rewrite loop?)")
        self.steps.append(Step(self.current, rule, title, after, statement, tuple(sub), note))
        self.current = after

    def apply(self, rw: Rewrite) -> None:
        after = self.current.xreplace({rw.node: rw.replacement})
        if after == self.current:
            after = self.current.subs(rw.node, rw.replacement)
        self.record(rw.rule, rw.title, after, rw.statement, rw.substitution, rw.note)


def _expand(run: _Run, names: Iterable[str]) -> set[str]:
    disabled: set[str] = set()
    known = {r.name for r in SUM_RULES if r.expandable}
    for name in names:
        if name not in known:
            raise InvalidArgumentError(
                f"expand = {name!r}: identities that can be read right to left are {sorted(known)}"
            )
        disabled.add(name)
        rule = next(r for r in SUM_RULES if r.name == name)
        counter = 0
        while True:
            candidates: list[sympy.Basic] = [
                n for n in sympy.preorder_traversal(run.current) if n.is_Mul or isinstance(n, RecouplingSymbol)
            ]
            done = False
            for node in candidates:
                used = {s.name for s in run.current.free_symbols}
                while f"x{counter}" in used:
                    counter += 1
                dummy = sympy.Symbol(f"x{counter}", nonnegative=True, rational=True)
                found = expand_symbol(rule, node, dummy)
                if found is not None:
                    run.apply(found)
                    done = True
                    break
            if not done:
                break
    return disabled


_ZERO_6J = (
    "sixj_one_zero",
    "6j symbol with a zero spin (closed form)",
    r"\begin{Bmatrix} a & b & c \\ 0 & e & f \end{Bmatrix} = \delta_{ce}\delta_{bf}"
    r"\frac{(-1)^{a+b+c}}{\sqrt{(2b+1)(2c+1)}} \{a\,b\,c\}",
)
_ZERO_3J = (
    "threej_one_zero",
    "3j symbol with a zero spin (closed form)",
    r"\begin{pmatrix} j_1 & j_2 & 0 \\ m_1 & m_2 & 0 \end{pmatrix} = \delta_{j_1 j_2}\delta_{m_1, -m_2}"
    r"\frac{(-1)^{j_1-m_1}}{\sqrt{2j_1+1}} [\,|m_1| \le j_1\,]",
)


def _zero_spin(expr: sympy.Basic) -> Rewrite | None:
    """A 6j (or q-6j) or 3j symbol with a zero spin, by its closed form (Edmonds (6.3.2), (3.7.9))."""
    for node in sympy.preorder_traversal(expr):
        if isinstance(node, SixJ) and any(v == 0 for v in node.args):
            for args, _ in images(node):
                if args[3] == 0:
                    a, b, c, _z, e, f = args
                    value = (
                        KroneckerDelta(c, e)
                        * KroneckerDelta(b, f)
                        * (-1) ** normal_phase(a + b + c)
                        / sympy.sqrt(dimension(b, node.quantum) * dimension(c, node.quantum))
                        * Triangle(a, b, c)
                    )
                    name, title, statement = _ZERO_6J
                    if node.quantum:
                        name, title = "q_" + name, title + " (q-analogue)"
                    return Rewrite(node, value, name, title, statement, (("a", a), ("b", b), ("c", c)))
        if isinstance(node, ThreeJ) and not node.quantum and any(node.args[k] == 0 for k in range(3)):
            for args, phase in images(node):
                if args[2] == 0 and phase == 0:
                    j1, j2, _z, m1, m2, m3 = args
                    value = (
                        KroneckerDelta(j1, j2)
                        * KroneckerDelta(m1, -m2)
                        * KroneckerDelta(m3, 0)
                        * (-1) ** normal_phase(j1 - m1)
                        / sympy.sqrt(2 * j1 + 1)
                        * InRange(j1, m1)
                    )
                    return Rewrite(node, value, *_ZERO_3J, (("j1", j1), ("m1", m1)))
    return None


def _small_spin(expr: sympy.Basic) -> Rewrite | None:
    """A 3j or 6j symbol with one spin in {1/2, 1, 3/2, 2}, by its derived closed form."""
    from .small_spin import rewrite_small_spin

    for node in sympy.preorder_traversal(expr):
        if isinstance(node, (ThreeJ, SixJ)) and not node.quantum:
            if node.free_symbols & _bound_variables(expr):
                continue
            found = rewrite_small_spin(node)
            if found is not None:
                return found
    return None


def derive(
    expr: Any,
    *,
    expand: Iterable[str] = (),
    closed_forms: bool = True,
    check: bool = True,
    samples: int | None = None,
    seed: int = 0,
    max_spin: Any = None,
) -> Derivation:
    """Simplify ``expr`` with the recoupling identities and return the checked derivation.

    Parameters
    ----------
    expr
        A sympy expression in the symbols of :mod:`tqft.symbolic.functions`, or a string in
        the input syntax of :func:`tqft.symbolic.parsing.parse`.
    expand
        Identities to read from right to left first (see the module docstring).
    closed_forms
        Replace 3j and 6j symbols with one small spin (1/2, 1, 3/2, 2) by their derived
        closed forms.
    check
        Check the result by exact evaluation at random admissible spins (``samples``,
        ``seed``, ``max_spin`` as in :func:`~tqft.symbolic.derivation.check_equal`).
        ``check=False`` is for timing only; the returned derivation then says so.

    Returns
    -------
    ~tqft.symbolic.derivation.Derivation
        ``.result``, ``.steps``, ``.text()``, ``.latex()``, ``.check``.

    Raises
    ------
    ~tqft.errors.DerivationError
        If the check fails (a wrong identity or a bug: never a silent wrong result).

    Examples
    --------
    >>> from tqft.symbolic import derive, spins, SixJ, SpinSum
    >>> a, b, c, d, f, g, x = spins("a b c d f g x")
    >>> d1 = derive(SpinSum((2*x + 1) * (2*f + 1) * SixJ(a, b, x, c, d, f) * SixJ(a, b, x, c, d, g), x))
    >>> d1.result
    KroneckerDelta(f, g)*Triangle(a, d, f)*Triangle(b, c, f)
    >>> [s.rule for s in d1.steps]
    ['admissible_range', 'linearity', 'sixj_orthogonality']
    """
    if isinstance(expr, str):
        from .parsing import parse

        expr = parse(expr)
    start = sympy.sympify(expr)
    run = _Run(start)
    disabled = _expand(run, expand)
    while True:
        found = None
        for node in _sums_innermost_first(run.current):
            found = _sum_rewrites(node, disabled)
            if found is not None:
                break
        if found is None:
            found = _zero_spin(run.current)
        if found is None and closed_forms:
            found = _small_spin(run.current)
        if found is None:
            break
        run.apply(found)
    after, changed = _canonical_forms(run.current)
    if changed:
        run.record(
            "symmetry",
            "symbols in canonical form (tetrahedral symmetry of 6j, column symmetries of 3j, 9j symmetries)",
            after,
            note="; ".join(f"{k} -> {sympy.sstr(v)}" for k, v in changed),
        )
    tidied = _tidy(run.current)
    if tidied != run.current:
        run.record("phases", "phases merged and reduced; implied triangle conditions dropped", tidied)
    if check:
        report = check_equal(start, run.current, samples=samples, seed=seed, max_spin=max_spin)
    else:
        report = CheckReport(0, 0, seed, Fraction(0), False, (), checked=False)
    return Derivation(start, run.current, tuple(run.steps), report)


def simplify(expr: Any, **kwargs: Any) -> sympy.Basic:
    """The result of :func:`derive` (checked), without the trace."""
    return derive(expr, **kwargs).result
