"""Derivations: the trace of a simplification, and its exact check by random substitution.

A :class:`Derivation` is a list of :class:`Step` objects (expression before, the identity
used with its catalogue name and statement, the substitution of the identity's variables,
expression after), the start and the result, and the :class:`CheckReport` of
:func:`check_equal`: the start and the result evaluated exactly
(:func:`tqft.symbolic.evaluate.exact_value`) at random admissible spins and found equal.
A derivation that fails its check raises :class:`~tqft.errors.DerivationError`; there is no
unchecked result.

Sampling (:func:`sample_spins`): integer-spin symbols get integers, the other spin symbols
integers or half-integers, ``0 <= j <= max_spin``; a projection symbol standing alone in a
3j symbol gets one of that spin's projections; with probability 1/2 a symbol takes the value
of an earlier one of its kind instead (so that results such as ``delta_{f g}`` are often
nonzero).  Samples are drawn until the triads built
only from free symbols are admissible (so that most samples are nonzero) and, as far as
the attempt budget allows, until ``samples`` of them give a nonzero start value.  The
report says how many were nonzero, so a check that only ever compared zeros is visible.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import sympy

from ..errors import DerivationError, InvalidArgumentError, NotRepresentableError
from .evaluate import exact_value, is_quantum, numeric
from .functions import RecouplingSymbol, ThreeJ, Triangle, is_spin_symbol, q
from .ranges import triads

__all__ = ["CheckReport", "Derivation", "SampleTally", "Step", "check_equal", "sample_spins"]


@dataclass(frozen=True)
class Step:
    """One rewrite: ``before`` becomes ``after`` by the identity ``rule``.

    ``rule`` is the identity's catalogue name (:mod:`tqft.identities`) when it has one, else
    the name of the elementary rule (``"linearity"``, ``"admissible_range"``, ...);
    ``statement`` its LaTeX; ``substitution`` maps the identity's variables to the
    expressions they matched.
    """

    before: sympy.Basic
    rule: str
    title: str
    after: sympy.Basic
    statement: str = ""
    substitution: tuple[tuple[str, sympy.Basic], ...] = ()
    note: str = ""

    @property
    def bindings(self) -> tuple[tuple[str, sympy.Basic], ...]:
        """The substitution without the variables bound to the symbol of the same name."""
        return tuple((k, v) for k, v in self.substitution if not (isinstance(v, sympy.Symbol) and v.name == k))

    def text(self, number: int) -> str:
        """The step as plain text."""
        lines = [f"{number}. {self.title}  [{self.rule}]"]
        if self.bindings:
            lines.append("   with " + ", ".join(f"{k} = {sympy.sstr(v)}" for k, v in self.bindings))
        if self.note:
            lines.append(f"   ({self.note})")
        lines.append(f"   = {sympy.sstr(self.after)}")
        return "\n".join(lines)

    def latex(self, number: int) -> str:
        """The step as a LaTeX item (for an ``enumerate`` environment)."""
        sub = ", ".join(f"{_latex_name(k)} = {sympy.latex(v)}" for k, v in self.bindings)
        parts = [rf"\item {_tex_escape(self.title)} (\texttt{{{_tex_escape(self.rule)}}})"]
        if self.statement:
            parts.append(rf"\[ {self.statement} \]")
        if sub:
            parts.append(rf"with ${sub}$")
        if self.note:
            parts.append(rf"({_tex_escape(self.note)})")
        parts.append(rf"\[ = {sympy.latex(self.after)} \]")
        return "\n".join(parts)


def _latex_name(name: str) -> str:
    return sympy.latex(sympy.Symbol(name))


def _tex_escape(s: str) -> str:
    return s.replace("_", r"\_").replace("&", r"\&").replace("%", r"\%").replace("#", r"\#")


@dataclass(frozen=True)
class CheckReport:
    """How a derivation was checked: ``samples`` substitutions, ``nonzero`` of them with a
    nonzero value, all exactly equal; ``examples`` lists a few of the spin values used."""

    samples: int
    nonzero: int
    seed: int
    max_spin: Fraction
    quantum: bool
    examples: tuple[tuple[tuple[str, str], ...], ...] = ()
    checked: bool = True

    def __str__(self) -> str:
        if not self.checked:
            return "NOT CHECKED (check=False)"
        where = "generic q" if self.quantum else "q = 1"
        if not self.samples:
            return "nothing to substitute: start and result are equal as exact numbers"
        return (
            f"checked exactly at {self.samples} random admissible spin values ({self.nonzero} nonzero, "
            f"spins <= {self.max_spin}, seed {self.seed}, {where})"
        )


@dataclass(frozen=True)
class Derivation:
    """A checked derivation ``start = ... = result`` (see the module docstring)."""

    start: sympy.Basic
    result: sympy.Basic
    steps: tuple[Step, ...]
    check: CheckReport
    assumptions: tuple[str, ...] = field(default=())

    def text(self) -> str:
        """The derivation as plain text: start, numbered steps, result and the check."""
        out = [f"start: {sympy.sstr(self.start)}"]
        out += [s.text(k) for k, s in enumerate(self.steps, start=1)]
        if not self.steps:
            out.append("(no identity applies)")
        out.append(f"result: {sympy.sstr(self.result)}")
        for a in self.assumptions:
            out.append(f"assuming {a}")
        out.append(str(self.check))
        return "\n".join(out)

    def latex(self) -> str:
        """The derivation as a LaTeX fragment (an ``enumerate`` of the steps)."""
        out = [rf"\[ {sympy.latex(self.start)} \]", r"\begin{enumerate}"]
        out += [s.latex(k) for k, s in enumerate(self.steps, start=1)]
        out.append(r"\end{enumerate}")
        out.append(rf"\[ {sympy.latex(self.start)} = {sympy.latex(self.result)} \]")
        out.append(_tex_escape(str(self.check)))
        return "\n".join(out)

    def __str__(self) -> str:
        return self.text()

    def _repr_latex_(self) -> str:
        return self.latex()


# --- sampling and the check ----------------------------------------------------------------


def _free(expr: sympy.Basic) -> set[sympy.Symbol]:
    return {s for s in expr.free_symbols if s != q}


def sample_spins(
    exprs: Sequence[sympy.Basic], rng: random.Random, max_spin: Fraction, *, attempts: int = 200
) -> dict[sympy.Symbol, Fraction]:
    """Random values for the free symbols of ``exprs`` with the free-symbol triads admissible.

    Raises :class:`~tqft.errors.InvalidArgumentError` for a free symbol that is neither a
    spin nor a projection (e.g. a plain ``Symbol("x")`` with no assumptions).
    """
    symbols = sorted(set().union(*(_free(e) for e in exprs)), key=sympy.default_sort_key)
    spins_ = [s for s in symbols if is_spin_symbol(s)]
    projs = [s for s in symbols if s not in spins_]
    for s in projs:
        if not s.is_rational:
            raise InvalidArgumentError(
                f"symbol {s} is neither a spin (nonnegative=True, rational=True) nor a projection "
                "(rational=True); declare it with tqft.symbolic.spins or projections"
            )
    nodes = [n for e in exprs for n in sympy.preorder_traversal(e) if isinstance(n, RecouplingSymbol)]
    fixed = [t for n in nodes for t in triads(n) if all(_free(x) <= set(symbols) for x in t)]
    pairs = [
        (n.args[k], n.args[k + 3]) for n in nodes if isinstance(n, ThreeJ) for k in range(3) if n.args[k + 3] in projs
    ]
    top = int(2 * max_spin)
    env: dict[sympy.Symbol, Fraction] = {}
    for _ in range(attempts):
        env = {}
        for s in spins_:
            earlier = [v for t, v in env.items() if not s.is_integer or v.denominator == 1]
            if earlier and rng.random() < 0.5:  # equal spins make delta-type results nonzero
                env[s] = rng.choice(earlier)
                continue
            c = rng.randrange(0, top + 1, 2) if s.is_integer else rng.randrange(0, top + 1)
            env[s] = Fraction(c, 2)
        ok = True
        for j, m in pairs:
            if m in env:
                continue
            try:
                jv = numeric(j, env)
            except InvalidArgumentError:
                continue
            if jv < 0 or (2 * jv).denominator != 1:
                ok = False
                break
            valid = [v for t, v in env.items() if t in projs and abs(v) <= jv and (jv - v).denominator == 1]
            if valid and rng.random() < 0.5:
                env[m] = rng.choice(valid)
                continue
            env[m] = jv - rng.randrange(0, int(2 * jv) + 1)
        for m in projs:
            if m not in env:
                earlier = [env[t] for t in projs if t in env]
                if earlier and rng.random() < 0.5:
                    env[m] = rng.choice(earlier)
                    continue
                env[m] = Fraction(rng.randrange(-top, top + 1), 2) if not m.is_integer else Fraction(rng.randint(-2, 2))
        if ok and all(_admissible(t, env) for t in fixed):
            return env
    return env


def _admissible(t: tuple[sympy.Basic, ...], env: dict[sympy.Symbol, Fraction]) -> bool:
    try:
        a, b, c = (numeric(x, env) for x in t)
    except InvalidArgumentError:
        return True  # involves a summation variable: not a constraint on the free spins
    if min(a, b, c) < 0:
        return False
    return bool(Triangle(*(sympy.Rational(v.numerator, v.denominator) for v in (a, b, c))))


def check_equal(
    start: sympy.Basic,
    result: sympy.Basic,
    *,
    samples: int | None = None,
    seed: int = 0,
    max_spin: Any = None,
    what: str = "derivation",
) -> CheckReport:
    """Evaluate ``start`` and ``result`` exactly at random admissible spins; raise if they differ.

    Parameters
    ----------
    samples
        Number of nonzero samples wanted (default 12 at q = 1, 4 at generic q).
    seed
        Seed of the sampler (the report records it, so a failure can be reproduced).
    max_spin
        Largest spin substituted (default 3 at q = 1, 3/2 at generic q).

    Raises
    ------
    ~tqft.errors.DerivationError
        If the two sides differ at some sample (the message names the spins and values), or
        if no sample could be evaluated.
    """
    quantum = is_quantum(start) or is_quantum(result)
    samples = samples if samples is not None else (4 if quantum else 12)
    top = Fraction(str(max_spin)) if max_spin is not None else (Fraction(3, 2) if quantum else Fraction(3))
    rng = random.Random(seed)
    if not (_free(start) | _free(result)):
        lhs, rhs = exact_value(start, quantum=quantum), exact_value(result, quantum=quantum)
        if lhs != rhs:
            raise DerivationError(f"{what} check failed: {sympy.sstr(start)} = {lhs} but {sympy.sstr(result)} = {rhs}")
        return CheckReport(0, int(bool(lhs != 0)), seed, top, quantum)
    tally = SampleTally(what, ("start", "result"), result, quantum)
    budget = 40 * samples
    while tally.nonzero < samples and budget > 0:
        budget -= 1
        env = sample_spins((start, result), rng, top)
        try:
            lhs = exact_value(start, env, quantum=quantum)
        except NotRepresentableError:
            continue
        tally.compare(env, lhs)
    if not tally.done:
        raise DerivationError(f"{what} could not be checked: no sample of the spins could be evaluated")
    return tally.report(seed, top)


class SampleTally:
    """The comparisons of one check: ``result`` evaluated exactly at each sample and compared
    with the value of the other side (the start of a derivation, or a network's evaluation).

    ``labels`` name the two sides in the failure message; :meth:`report` gives the
    :class:`CheckReport` of the samples compared so far.
    """

    def __init__(self, what: str, labels: tuple[str, str], result: sympy.Basic, quantum: bool) -> None:
        self.what, self.labels, self.result, self.quantum = what, labels, result, quantum
        self.done = self.nonzero = 0
        self.examples: list[tuple[tuple[str, str], ...]] = []

    def compare(self, env: dict[sympy.Symbol, Fraction], lhs: Any) -> None:
        """Compare at ``env``; raise :class:`~tqft.errors.DerivationError` on a difference."""
        first, second = self.labels
        try:
            rhs = exact_value(self.result, env, quantum=self.quantum)
        except NotRepresentableError as exc:
            raise DerivationError(
                f"{self.what} check failed: the {second} cannot be evaluated at {_show(env)} ({exc}) "
                f"while the {first} equals {lhs}\n  {second}: {sympy.sstr(self.result)}"
            ) from exc
        if lhs != rhs:
            raise DerivationError(
                f"{self.what} check failed at {_show(env)}: {first} = {lhs}, {second} = {rhs}\n"
                f"  {second}: {sympy.sstr(self.result)}"
            )
        self.done += 1
        if lhs != 0:
            self.nonzero += 1
            if len(self.examples) < 3:
                self.examples.append(tuple((s.name, str(v)) for s, v in sorted(env.items(), key=lambda kv: kv[0].name)))

    def report(self, seed: int, top: Fraction) -> CheckReport:
        """The report of the comparisons made."""
        return CheckReport(self.done, self.nonzero, seed, top, self.quantum, tuple(self.examples))


def _show(env: dict[sympy.Symbol, Fraction]) -> str:
    return "{" + ", ".join(f"{s} = {v}" for s, v in sorted(env.items(), key=lambda kv: kv[0].name)) + "}"
