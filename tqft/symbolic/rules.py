"""The rewrite rules of the recoupling calculus, each tied to a catalogued identity.

A :class:`SumRule` is a sum identity ``sum_x (-1)^P q^Q w(x) prod_i {template_i} = RHS``
read as a pattern: its 6j templates name their entries by variables (``"x"`` is the
summation variable), ``P`` and ``Q`` are the phase and q-power exponents it requires, and
``w(x)`` is ``2x + 1`` (q = 1) or ``[2x + 1]`` (q-analogue).  :func:`match_sum` finds a
sum that is an instance: the recoupling symbols are matched up to their symmetries
(:func:`~tqft.symbolic.patterns.images`), any extra phase must be independent of ``x``
modulo even multiples (``(-1)^(2x) = (-1)^(2(a+b))`` when ``(a, b, x)`` is a triad), an
extra power of q must be independent of ``x``, constants ride along, and the range of the
sum must contain the admissible range (its bounds are admissibility bounds of triads that
contain ``x``, or ``oo``; see :func:`covers`).

The identities (statements as in the catalogue, :mod:`tqft.identities.recoupling` and
:mod:`tqft.identities.q_recoupling`; Edmonds ch. 6, Varshalovich ch. 9, Kirillov and
Reshetikhin 1989 for the q-analogues):

=========================  ====================================================================
``sixj_orthogonality``     ``sum_x (2x+1)(2f+1) {a b x; c d f}{a b x; c d g} = delta_fg {a d f}{c b f}``
``racah_sum_rule``         ``sum_x (-1)^(f+g+x) (2x+1) {a b x; c d f}{a b x; d c g} = {a d f; b c g}``
``biedenharn_elliott``     the pentagon, ``S = a+b+c+d+e+f+p+q+r``
``ninej_as_sixj_sum``      ``sum_x (-1)^(2x) (2x+1) {..}{..}{..} = 9j``
``sixj_sum_rule``          ``sum_x (-1)^(a+b+x) (2x+1) {a b x; b a f} = sqrt((2a+1)(2b+1)) delta_f0``
``sixj_weighted_sum``      ``sum_x (2x+1) {a b x; a b f} = (-1)^(2(a+b)) {a b f}``
``q_...``                  the q-analogues with ``[2x+1]`` (and ``q^(C_f+C_g+C_x-C_a-C_b-C_c-C_d)``,
                           ``C_j = j(j+1)``, in the q-Racah identity)
=========================  ====================================================================

Here ``{a b c}`` is the triangle indicator :class:`~tqft.symbolic.functions.Triangle`: the
results hold for every value of the spins, not only where the triads are admissible.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import permutations
from typing import Any

import sympy
from sympy import KroneckerDelta, sqrt

from .functions import InRange, NineJ, QSixJ, RecouplingSymbol, SixJ, ThreeJ, Triangle, dimension, q
from .patterns import images, normal_phase, same, split_summand, unify
from .ranges import admissible_range, triad_pairs

__all__ = ["SUM_RULES", "Rewrite", "SumRule", "covers", "expand_symbol", "match_sum", "match_threej_sum"]

B = dict[str, sympy.Basic]


@dataclass(frozen=True)
class SumRule:
    """A sum identity as a pattern (see the module docstring)."""

    name: str
    title: str
    statement: str
    quantum: bool
    templates: tuple[tuple[str, ...], ...]
    phase: Callable[[B], sympy.Basic]
    rhs: Callable[[B], sympy.Basic]
    qpower: Callable[[B], sympy.Basic] | None = None
    expandable: bool = False

    @property
    def symbol_class(self) -> type[RecouplingSymbol]:
        return QSixJ if self.quantum else SixJ

    def weight(self, x: sympy.Basic) -> sympy.Basic:
        return dimension(x, self.quantum)


@dataclass(frozen=True)
class Rewrite:
    """The outcome of one match: the replacement and what the step records."""

    node: sympy.Basic
    replacement: sympy.Basic
    rule: str
    title: str
    statement: str
    substitution: tuple[tuple[str, sympy.Basic], ...]
    note: str = ""


def _casimir(j: sympy.Basic) -> sympy.Basic:
    return j * (j + 1)


def _racah_rhs(cls: type[RecouplingSymbol]) -> Callable[[B], sympy.Basic]:
    return lambda b: cls(b["a"], b["d"], b["f"], b["b"], b["c"], b["g"])


def _pentagon_rhs(cls: type[RecouplingSymbol]) -> Callable[[B], sympy.Basic]:
    return lambda b: (
        cls(b["p"], b["q"], b["r"], b["e"], b["a"], b["d"]) * cls(b["p"], b["q"], b["r"], b["f"], b["b"], b["c"])
    )


def _sum_rule_rhs(quantum: bool) -> Callable[[B], sympy.Basic]:
    return lambda b: sqrt(dimension(b["a"], quantum) * dimension(b["b"], quantum)) * KroneckerDelta(b["f"], 0)


def _rules() -> tuple[SumRule, ...]:
    out: list[SumRule] = []
    for quantum in (False, True):
        pre = "q_" if quantum else ""
        sub = "_q" if quantum else ""
        dim = "[2x+1]" if quantum else "(2x+1)"
        cls: type[RecouplingSymbol] = QSixJ if quantum else SixJ

        def orth_rhs(b: B, quantum: bool = quantum) -> sympy.Basic:
            return (
                KroneckerDelta(b["f"], b["g"])
                / dimension(b["f"], quantum)
                * Triangle(b["a"], b["d"], b["f"])
                * Triangle(b["c"], b["b"], b["f"])
            )

        out.append(
            SumRule(
                pre + "sixj_orthogonality",
                "6j orthogonality" + (" (q-analogue)" if quantum else ""),
                rf"\sum_x {dim} \begin{{Bmatrix}} a & b & x \\ c & d & f \end{{Bmatrix}}{sub}"
                rf"\begin{{Bmatrix}} a & b & x \\ c & d & g \end{{Bmatrix}}{sub} = "
                r"\frac{\delta_{fg}}{" + dim.replace("x", "f") + r"} \{a\,d\,f\}\{c\,b\,f\}",
                quantum,
                (("a", "b", "x", "c", "d", "f"), ("a", "b", "x", "c", "d", "g")),
                lambda b: sympy.S.Zero,
                orth_rhs,
            )
        )
        qp: Callable[[B], sympy.Basic] | None = None
        if quantum:

            def qp(b: B) -> sympy.Basic:
                return (
                    _casimir(b["f"])
                    + _casimir(b["g"])
                    + _casimir(b["x"])
                    - _casimir(b["a"])
                    - _casimir(b["b"])
                    - _casimir(b["c"])
                    - _casimir(b["d"])
                )

        out.append(
            SumRule(
                pre + "racah_sum_rule",
                "Racah sum rule" if not quantum else "q-Racah identity",
                rf"\sum_x (-1)^{{f+g+x}}{' q^{C_f+C_g+C_x-C_a-C_b-C_c-C_d}' if quantum else ''} {dim}"
                rf"\begin{{Bmatrix}} a & b & x \\ c & d & f \end{{Bmatrix}}{sub}"
                rf"\begin{{Bmatrix}} a & b & x \\ d & c & g \end{{Bmatrix}}{sub} = "
                rf"\begin{{Bmatrix}} a & d & f \\ b & c & g \end{{Bmatrix}}{sub}",
                quantum,
                (("a", "b", "x", "c", "d", "f"), ("a", "b", "x", "d", "c", "g")),
                lambda b: b["f"] + b["g"] + b["x"],
                _racah_rhs(cls),
                qpower=qp,
                expandable=True,
            )
        )
        out.append(
            SumRule(
                pre + "biedenharn_elliott",
                "Biedenharn-Elliott identity" + (" (q-analogue)" if quantum else ""),
                rf"\sum_x (-1)^{{S+x}} {dim} \begin{{Bmatrix}} a & b & x \\ c & d & p \end{{Bmatrix}}{sub}"
                rf"\begin{{Bmatrix}} c & d & x \\ e & f & q \end{{Bmatrix}}{sub}"
                rf"\begin{{Bmatrix}} e & f & x \\ b & a & r \end{{Bmatrix}}{sub} = "
                rf"\begin{{Bmatrix}} p & q & r \\ e & a & d \end{{Bmatrix}}{sub}"
                rf"\begin{{Bmatrix}} p & q & r \\ f & b & c \end{{Bmatrix}}{sub},\ S = a+b+c+d+e+f+p+q+r",
                quantum,
                (("a", "b", "x", "c", "d", "p"), ("c", "d", "x", "e", "f", "q"), ("e", "f", "x", "b", "a", "r")),
                lambda b: sum((b[k] for k in ("a", "b", "c", "d", "e", "f", "p", "q", "r", "x")), sympy.S.Zero),
                _pentagon_rhs(cls),
                expandable=True,
            )
        )
        out.append(
            SumRule(
                pre + "sixj_sum_rule",
                "6j sum rule with a zero result for f > 0" + (" (q-analogue)" if quantum else ""),
                rf"\sum_x (-1)^{{a+b+x}} {dim} \begin{{Bmatrix}} a & b & x \\ b & a & f \end{{Bmatrix}}{sub}"
                r" = \sqrt{" + ("[2a+1][2b+1]" if quantum else "(2a+1)(2b+1)") + r"}\,\delta_{f0}",
                quantum,
                (("a", "b", "x", "b", "a", "f"),),
                lambda b: b["a"] + b["b"] + b["x"],
                _sum_rule_rhs(quantum),
            )
        )
        out.append(
            SumRule(
                pre + "sixj_weighted_sum",
                "sum over x of (2x+1) {a b x; a b f}" + (" (q-analogue)" if quantum else ""),
                rf"\sum_x {dim} \begin{{Bmatrix}} a & b & x \\ a & b & f \end{{Bmatrix}}{sub} = (-1)^{{2(a+b)}}"
                r"\{a\,b\,f\}",
                quantum,
                (("a", "b", "x", "a", "b", "f"),),
                lambda b: sympy.S.Zero,
                lambda b: (-1) ** normal_phase(2 * b["a"] + 2 * b["b"]) * Triangle(b["a"], b["b"], b["f"]),
            )
        )
    out.append(
        SumRule(
            "ninej_as_sixj_sum",
            "9j symbol as a sum of three 6j symbols",
            r"\sum_x (-1)^{2x}(2x+1) \begin{Bmatrix} j_1 & j_4 & j_7 \\ j_8 & j_9 & x \end{Bmatrix}"
            r"\begin{Bmatrix} j_2 & j_5 & j_8 \\ j_4 & x & j_6 \end{Bmatrix}"
            r"\begin{Bmatrix} j_3 & j_6 & j_9 \\ x & j_1 & j_2 \end{Bmatrix} = "
            r"\begin{Bmatrix} j_1 & j_2 & j_3 \\ j_4 & j_5 & j_6 \\ j_7 & j_8 & j_9 \end{Bmatrix}",
            False,
            (
                ("j1", "j4", "j7", "j8", "j9", "x"),
                ("j2", "j5", "j8", "j4", "x", "j6"),
                ("j3", "j6", "j9", "x", "j1", "j2"),
            ),
            lambda b: 2 * b["x"],
            lambda b: NineJ(*(b[f"j{k}"] for k in range(1, 10))),
            expandable=True,
        )
    )
    return tuple(out)


#: Every sum rule, classical then q.
SUM_RULES: tuple[SumRule, ...] = _rules()


def covers(x: sympy.Symbol, lo: sympy.Basic, hi: sympy.Basic, symbols: Sequence[RecouplingSymbol]) -> bool:
    """Whether ``lo <= x <= hi`` (in steps of 1) contains every ``x`` with all triads admissible.

    Accepted bounds (decidable without inequalities between symbols): a lower bound that is
    ``|u - v|`` for a triad ``(u, v, x)`` or a ``Max`` of such (then it also has the parity of
    ``x``), or ``0`` when every such ``u + v`` is an integer; an upper bound that is ``u + v``,
    a ``Min`` of such, or ``oo``.
    """
    pairs = triad_pairs(x, symbols)
    if not pairs:
        return False
    lows = [sympy.Abs(u - v) for u, v in pairs]
    highs = [u + v for u, v in pairs]

    def among(v: Any, pool: list[sympy.Basic], combiner: type) -> bool:
        parts = getattr(v, "args", ()) if isinstance(v, combiner) else (v,)
        return all(any(same(p, w) for w in pool) for p in parts)

    lo_ok = among(lo, lows, sympy.Max) or (lo == 0 and all(bool((u + v).is_integer) for u, v in pairs))
    hi_ok = hi == sympy.oo or among(hi, highs, sympy.Min)
    return lo_ok and hi_ok


def _even_x_part(d: sympy.Basic, x: sympy.Symbol, pairs: list[tuple[sympy.Basic, sympy.Basic]]) -> sympy.Basic | None:
    """Rewrite ``(-1)^d`` without ``x``: ``(-1)^(2k x) = (-1)^(2k (u + v))`` for a triad ``(u, v, x)``."""
    d = sympy.expand(d)
    if x not in d.free_symbols:
        return d
    c = d.coeff(x)
    if x in (d - c * x).free_symbols or not c.is_Integer or int(c) % 2 or not pairs:
        return None
    u, v = pairs[0]
    return normal_phase(d - c * x + c * (u + v))


def match_sum(rule: SumRule, node: sympy.Sum) -> Rewrite | None:
    """The rewrite of ``node`` by ``rule``, or None if ``node`` is not an instance."""
    if len(node.limits) != 1 or len(node.limits[0]) != 3:
        return None
    x, lo, hi = node.limits[0]
    parts = split_summand(node.function, [x])
    if parts.other or len(parts.symbols) != len(rule.templates):
        return None
    if any(type(s) is not rule.symbol_class for s in parts.symbols):
        return None
    if len(parts.weights) != 1 or not same(parts.weights[0], rule.weight(x)):
        return None
    if not covers(x, lo, hi, parts.symbols):
        return None
    for order in permutations(parts.symbols):
        for binding in _bindings(rule.templates, order, {"x": x}):
            found = _finish(rule, node, x, parts, binding)
            if found is not None:
                return found
    return None


def _bindings(templates: Sequence[tuple[str, ...]], symbols: Sequence[RecouplingSymbol], start: B) -> Any:
    if not templates:
        yield start
        return
    for args, _phase in images(symbols[0]):
        b = unify(templates[0], args, start)
        if b is not None:
            yield from _bindings(templates[1:], symbols[1:], b)


def _finish(rule: SumRule, node: sympy.Sum, x: sympy.Symbol, parts: Any, b: B) -> Rewrite | None:
    if any(x in v.free_symbols for k, v in b.items() if k != "x"):
        return None  # the identity's other spins must not depend on the summation variable
    pairs = triad_pairs(x, parts.symbols)
    d = _even_x_part(normal_phase(parts.phase - rule.phase(b)), x, pairs)
    if d is None:
        return None
    qd = sympy.expand(parts.qpower - (rule.qpower(b) if rule.qpower else 0))
    if x in qd.free_symbols:
        return None
    replacement = parts.constant * (-1) ** normal_phase(d) * q**qd * rule.rhs(b)
    sub = tuple((k, v) for k, v in sorted(b.items()) if k != "x")
    note = "" if d == 0 else f"the phase (-1)^({sympy.sstr(d)}) does not depend on {x} and comes out of the sum"
    return Rewrite(node, replacement, rule.name, rule.title, rule.statement, sub, note)


# --- 3j orthogonality: double sums over projections, or over j and m ----------------------------------


_THREEJ_M = (
    "threej_orthogonality_m",
    "3j orthogonality, sum over m1, m2",
    r"\sum_{m_1 m_2} \begin{pmatrix} j_1 & j_2 & j \\ m_1 & m_2 & m \end{pmatrix}"
    r"\begin{pmatrix} j_1 & j_2 & j' \\ m_1 & m_2 & m' \end{pmatrix} = "
    r"\frac{\delta_{j j'} \delta_{m m'}}{2j+1} \{j_1\,j_2\,j\}\,[\,|m| \le j\,]",
)
_THREEJ_J = (
    "threej_orthogonality_j",
    "3j orthogonality, sum over j, m",
    r"\sum_{j m} (2j+1) \begin{pmatrix} j_1 & j_2 & j \\ m_1 & m_2 & m \end{pmatrix}"
    r"\begin{pmatrix} j_1 & j_2 & j \\ m_1' & m_2' & m \end{pmatrix} = "
    r"\delta_{m_1 m_1'} \delta_{m_2 m_2'} [\,|m_1| \le j_1\,][\,|m_2| \le j_2\,]",
)


def match_threej_sum(node: sympy.Sum) -> Rewrite | None:
    """The two 3j orthogonality relations, on a double sum written with explicit ranges."""
    if len(node.limits) != 2 or any(len(lim) != 3 for lim in node.limits):
        return None
    (v1, lo1, hi1), (v2, lo2, hi2) = node.limits
    parts = split_summand(node.function, [v1, v2])
    if parts.other or len(parts.symbols) != 2 or any(type(s) is not ThreeJ for s in parts.symbols):
        return None
    if not parts.weights:
        return _threej_m(node, parts, (v1, lo1, hi1), (v2, lo2, hi2))
    return _threej_j(node, parts, (v1, lo1, hi1), (v2, lo2, hi2))


def _threej_bindings(templates: Sequence[tuple[str, ...]], symbols: Sequence[RecouplingSymbol], start: B) -> Any:
    if not templates:
        yield start, sympy.S.Zero
        return
    for args, phase in images(symbols[0]):
        b = unify(templates[0], args, start)
        if b is not None:
            for deeper, p in _threej_bindings(templates[1:], symbols[1:], b):
                yield deeper, phase + p


def _threej_m(node: sympy.Sum, parts: Any, lim1: tuple[Any, ...], lim2: tuple[Any, ...]) -> Rewrite | None:
    for (va, loa, hia), (vb, lob, hib) in ((lim1, lim2), (lim2, lim1)):
        templates = (("j1", "j2", "j", "m1", "m2", "m"), ("j1", "j2", "jp", "m1", "m2", "mp"))
        for order in permutations(parts.symbols):
            for b, phase in _threej_bindings(templates, order, {"m1": va, "m2": vb}):
                if any({va, vb} & v.free_symbols for k, v in b.items() if k not in ("m1", "m2")):
                    continue
                if not (same(loa, -b["j1"]) and same(hia, b["j1"]) and same(lob, -b["j2"]) and same(hib, b["j2"])):
                    continue
                d = normal_phase(parts.phase + phase)
                if d.free_symbols & {va, vb}:
                    continue
                rhs = (
                    KroneckerDelta(b["j"], b["jp"])
                    * KroneckerDelta(b["m"], b["mp"])
                    / (2 * b["j"] + 1)
                    * Triangle(b["j1"], b["j2"], b["j"])
                    * InRange(b["j"], b["m"])
                )
                sub = tuple((k, v) for k, v in sorted(b.items()) if k not in ("m1", "m2"))
                return Rewrite(node, parts.constant * (-1) ** d * rhs, *_THREEJ_M, sub)
    return None


def _threej_j(node: sympy.Sum, parts: Any, lim1: tuple[Any, ...], lim2: tuple[Any, ...]) -> Rewrite | None:
    (vm, lom, him), (vj, loj, hij) = lim1, lim2
    if len(parts.weights) != 1 or not same(parts.weights[0], 2 * vj + 1):
        return None
    if not (same(lom, -vj) and same(him, vj)):
        return None
    templates = (("j1", "j2", "j", "m1", "m2", "m"), ("j1", "j2", "j", "n1", "n2", "m"))
    for order in permutations(parts.symbols):
        for b, phase in _threej_bindings(templates, order, {"j": vj, "m": vm}):
            if any({vj, vm} & v.free_symbols for k, v in b.items() if k not in ("j", "m")):
                continue
            if not covers(vj, loj, hij, [ThreeJ(b["j1"], b["j2"], vj, 0, 0, 0)]):
                continue
            d = normal_phase(parts.phase + phase)
            if d.free_symbols & {vm, vj}:
                continue
            rhs = (
                KroneckerDelta(b["m1"], b["n1"])
                * KroneckerDelta(b["m2"], b["n2"])
                * InRange(b["j1"], b["m1"])
                * InRange(b["j2"], b["m2"])
            )
            sub = tuple((k, v) for k, v in sorted(b.items()) if k not in ("j", "m"))
            return Rewrite(node, parts.constant * (-1) ** d * rhs, *_THREEJ_J, sub)
    return None


# --- the other direction: a product or a 9j symbol becomes a sum ---------------------------------


def expand_symbol(rule: SumRule, node: sympy.Basic, dummy: sympy.Symbol) -> Rewrite | None:
    """Read ``rule`` from right to left on ``node`` (a 6j symbol, a product of two, or a 9j
    symbol), introducing the sum over ``dummy`` with its admissible range stated."""
    if not rule.expandable:
        return None
    probe = {k: sympy.Symbol(f"_{k}") for t in rule.templates for k in t}
    target = rule.rhs(probe)
    target_syms = [f for f in sympy.Mul.make_args(target) if isinstance(f, RecouplingSymbol)]
    node_syms = [f for f in sympy.Mul.make_args(node) if isinstance(f, RecouplingSymbol)]
    rest = sympy.Mul(*[f for f in sympy.Mul.make_args(node) if not isinstance(f, RecouplingSymbol)])
    if len(node_syms) != len(target_syms) or any(type(a) is not type(b) for a, b in zip(node_syms, target_syms)):
        return None
    names = [tuple(str(a)[1:] for a in t.args) for t in target_syms]
    for order in permutations(node_syms):
        for b, phase in _threej_bindings(names, order, {}):
            if phase != 0:
                continue
            b = dict(b)
            b["x"] = dummy
            syms = [rule.symbol_class(*(b[k] for k in t)) for t in rule.templates]
            bounds = admissible_range(dummy, syms)
            if bounds is None:
                continue
            summand = (-1) ** normal_phase(rule.phase(b)) * rule.weight(dummy) * sympy.Mul(*syms)
            if rule.qpower is not None:
                summand = summand * q ** sympy.expand(rule.qpower(b))
            replacement = rest * sympy.Sum(summand, (dummy, *bounds))
            sub = tuple((k, v) for k, v in sorted(b.items()) if k != "x")
            return Rewrite(node, replacement, rule.name, rule.title + ", read from right to left", rule.statement, sub)
    return None
