"""Identities as first-class objects: a statement, a parameter domain and an exact check.

An :class:`Identity` has a catalogue name, a one-line title, a LaTeX statement, a
:class:`Domain` of parameters (colours, i.e. doubled spins, and doubled projections) that
can be enumerated exhaustively up to a bound or sampled with a seeded generator, and a
``check`` that evaluates both sides exactly for one parameter tuple and returns a
:class:`CheckResult`.  The tests and ``tqft verify`` run the same catalogue.

Domains are described declaratively, one parameter at a time (:class:`Param`): a free
colour, a colour coupled to two earlier ones (so that the triple is admissible), or a
projection of an earlier colour, plus extra triads that must be admissible and an
optional predicate.  The same description drives exhaustive enumeration and random
sampling, so the two cannot drift apart.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

from ..errors import InvalidArgumentError
from ..spins import admissible, colour, spin_str

__all__ = [
    "CheckResult",
    "Domain",
    "Identity",
    "Param",
    "catalogue",
    "compare",
    "coupled",
    "free",
    "get",
    "integer",
    "level",
    "level_context",
    "names",
    "projection",
    "register",
    "registrar",
]


@dataclass(frozen=True)
class Param:
    """One parameter of a domain.

    ``kind`` is ``"free"`` (a colour ``0..max``), ``"coupled"`` (a colour ``c`` with
    ``(p[i], p[j], c)`` admissible), ``"projection"`` (a doubled projection
    ``-p[i], -p[i]+2, ..., p[i]``), ``"level"`` (the quantum-group parameter ``r``:
    ``0`` for generic q, otherwise ``q = e^{i pi / r}``; it must come first, and then
    every colour is at most ``r - 2`` and every triad obeys the level bound), or
    ``"integer"`` (a plain integer such as a level ``k`` or a genus ``g``, from
    ``values[0]`` to ``values[1]``, the sweep bound ``max_colour`` capping it too).
    """

    name: str
    kind: str
    of: tuple[int, ...] = ()
    values: tuple[int, ...] = ()


def free(name: str) -> Param:
    """A colour ranging over ``0 .. max_colour``."""
    return Param(name, "free")


def coupled(name: str, i: int, j: int) -> Param:
    """A colour admissible with the earlier parameters ``i`` and ``j`` (indices)."""
    return Param(name, "coupled", (i, j))


def projection(name: str, i: int) -> Param:
    """A doubled projection of the earlier colour parameter ``i``."""
    return Param(name, "projection", (i,))


#: generic q (``0``) and the roots of unity ``q = e^{i pi / r}``, ``r = 3..12``, that the
#: q-identities are verified at by default
Q_LEVELS: tuple[int, ...] = (0, *range(3, 13))


def level(name: str = "r", values: Sequence[int] = Q_LEVELS) -> Param:
    """The quantum-group parameter: ``0`` means generic q, ``r >= 3`` means ``q = e^{i pi / r}``."""
    return Param(name, "level", values=tuple(values))


def level_context(r: int) -> Any:
    """The exact context of a ``level`` parameter: generic q for ``r = 0``, else
    ``q = e^{i pi / r}`` (:func:`~tqft.exact.qcontexts.root_of_unity`)."""
    from ..exact.qcontexts import generic_q, root_of_unity

    return generic_q() if r == 0 else root_of_unity(r)


def integer(name: str, low: int, high: int | None = None) -> Param:
    """A plain integer ``low..high`` (``high = None``: bounded only by the sweep bound,
    which for ``tqft verify --max-spin J`` is ``2J``), printed as an integer."""
    return Param(name, "integer", values=(low, -1 if high is None else high))


@dataclass(frozen=True)
class Domain:
    """Parameter tuples of an identity: parameters in order, then constraints.

    ``triads`` lists index triples that must be admissible; ``where`` is an optional
    predicate on the full tuple.  Colours are bounded by ``max_colour`` (projections by
    their colour).
    """

    params: tuple[Param, ...]
    triads: tuple[tuple[int, int, int], ...] = ()
    where: Callable[[tuple[int, ...]], bool] | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.params)

    def _level(self, values: Sequence[int]) -> int:
        """``r`` of the case (0 when generic q or when the domain has no level)."""
        if self.params and self.params[0].kind == "level" and values:
            return values[0]
        return 0

    def at_levels(self, values: Sequence[int] = Q_LEVELS, name: str = "r") -> Domain:
        """The same domain with the level parameter ``r`` prepended (indices shifted), so a
        q-identity sweeps the classical identity's parameters at generic q and at each
        ``q = e^{i pi / r}`` within the level."""
        if self.params and self.params[0].kind == "level":
            raise InvalidArgumentError("the domain already has a level parameter")
        params = tuple(replace(p, of=tuple(i + 1 for i in p.of)) for p in self.params)
        where = self.where
        return Domain(
            (level(name, values), *params),
            triads=tuple((i + 1, j + 1, k + 1) for i, j, k in self.triads),
            where=None if where is None else (lambda t: bool(where(t[1:]))),
        )

    def _choices(self, k: int, values: Sequence[int], max_colour: int) -> Sequence[int]:
        p = self.params[k]
        if p.kind == "level":
            return p.values
        if p.kind == "integer":
            low, high = p.values
            return range(low, (max_colour if high < 0 else min(high, max_colour)) + 1)
        r = self._level(values)
        if r:
            max_colour = min(max_colour, r - 2)
        if p.kind == "free":
            return range(0, max_colour + 1)
        if p.kind == "coupled":
            a, b = values[p.of[0]], values[p.of[1]]
            lo = abs(a - b)
            hi = min(a + b, max_colour)
            if r:
                hi = min(hi, 2 * (r - 2) - a - b)
            return range(lo, hi + 1, 2)
        c = values[p.of[0]]
        return range(-c, c + 1, 2)

    def _triad_ok(self, r: int, a: int, b: int, c: int) -> bool:
        return admissible(a, b, c) and (not r or a + b + c <= 2 * (r - 2))

    def _accept(self, values: tuple[int, ...]) -> bool:
        r = self._level(values)
        if not all(self._triad_ok(r, values[i], values[j], values[k]) for i, j, k in self.triads):
            return False
        return self.where is None or bool(self.where(values))

    def require(self, values: Sequence[int], where: str = "identity") -> None:
        """Raise :class:`~tqft.errors.InvalidArgumentError` unless ``values`` is in the domain."""
        if len(values) != len(self.params):
            raise InvalidArgumentError(
                f"{where} takes {len(self.params)} parameters ({', '.join(self.names)}), got {len(values)}"
            )
        for k, (p, v) in enumerate(zip(self.params, values)):
            if not isinstance(v, int) or isinstance(v, bool):
                raise InvalidArgumentError(f"{where}: {p.name} = {v!r} must be an int (a colour 2j or doubled 2m)")
            bound = max(v, abs(v), 0)
            if p.kind == "level" and v not in p.values:
                raise InvalidArgumentError(
                    f"{where}: {p.name} = {v} is not an allowed level (0 for generic q, or r in {p.values[1:]})"
                )
            if v not in self._choices(k, values[:k], bound):
                shown = str(v) if p.kind in ("integer", "level") else spin_str(v)
                raise InvalidArgumentError(f"{where}: {p.name} = {shown} is outside the domain ({self._rule(k)})")
        if not self._accept(tuple(values)):
            raise InvalidArgumentError(f"{where}: {tuple(values)} violates the domain's admissibility conditions")

    def _rule(self, k: int) -> str:
        p = self.params[k]
        if p.kind == "level":
            return "0 or r >= 3"
        if p.kind == "integer":
            low, high = p.values
            return f"an integer >= {low}" + ("" if high < 0 else f" and <= {high}")
        if p.kind == "free":
            return "a spin >= 0 (at most (r - 2)/2 at a root of unity)"
        if p.kind == "coupled":
            i, j = p.of
            return f"admissible with {self.params[i].name} and {self.params[j].name}"
        return f"a projection of {self.params[p.of[0]].name}"

    def enumerate(self, max_colour: int) -> Iterator[tuple[int, ...]]:
        """All parameter tuples with colours ``<= max_colour``, in lexicographic order."""
        n = len(self.params)

        def rec(prefix: list[int]) -> Iterator[tuple[int, ...]]:
            k = len(prefix)
            if k == n:
                t = tuple(prefix)
                if self._accept(t):
                    yield t
                return
            for v in self._choices(k, prefix, max_colour):
                prefix.append(v)
                yield from rec(prefix)
                prefix.pop()

        yield from rec([])

    def sample(self, rng: random.Random, max_colour: int, *, attempts: int = 10_000) -> tuple[int, ...]:
        """One tuple drawn by choosing each parameter uniformly among its allowed values.

        Rejection sampling on the constraints; raises if ``attempts`` draws all fail.
        """
        for _ in range(attempts):
            values: list[int] = []
            for k in range(len(self.params)):
                choices = self._choices(k, values, max_colour)
                if not len(choices):
                    break
                values.append(choices[rng.randrange(len(choices))])
            else:
                t = tuple(values)
                if self._accept(t):
                    return t
        raise InvalidArgumentError(f"no admissible parameters found in {attempts} draws with max colour {max_colour}")


class CheckResult(NamedTuple):
    """Outcome of one exact check: whether it held, and the two sides compared."""

    passed: bool
    lhs: Any
    rhs: Any


def compare(lhs: Any, rhs: Any) -> CheckResult:
    """The check result of the exact comparison ``lhs == rhs``."""
    return CheckResult(bool(lhs == rhs), lhs, rhs)


@dataclass(frozen=True)
class Identity:
    """A registered identity: statement, parameter domain and exact check.

    Attributes
    ----------
    name
        Catalogue key, e.g. ``"sixj_orthogonality"``.
    title
        One line for tables.
    statement
        The identity in LaTeX.
    domain
        Its parameters (see :class:`Domain`).
    check
        ``check(*params) -> CheckResult``, exact.
    default_max_spin
        Bound (a spin) for the exhaustive sweep of ``tqft verify`` and the tests.
    random_max_spin
        Bound for seeded random draws.
    reference
        Where the identity is stated (book and equation).
    """

    name: str
    title: str
    statement: str
    domain: Domain
    check: Callable[..., CheckResult]
    default_max_spin: float
    random_max_spin: float
    reference: str
    tags: tuple[str, ...] = field(default=())

    def cases(self, max_spin: Any = None) -> Iterator[tuple[int, ...]]:
        """Exhaustive parameter tuples with every spin ``<= max_spin`` (a spin, parsed as
        everywhere in tqft; ``None`` for the identity's default bound)."""
        bound = colour(self.default_max_spin if max_spin is None else max_spin, "max_spin")
        return self.domain.enumerate(bound)

    def random_cases(self, n: int, seed: int = 0, max_spin: Any = None) -> list[tuple[int, ...]]:
        """``n`` seeded random parameter tuples with spins ``<= max_spin``."""
        if not isinstance(n, int) or n < 0:
            raise InvalidArgumentError(f"n = {n!r} must be a non-negative integer")
        rng = random.Random(f"{self.name}:{seed}")
        bound = colour(self.random_max_spin if max_spin is None else max_spin, "max_spin")
        return [self.domain.sample(rng, bound) for _ in range(n)]

    def format_case(self, case: Sequence[int]) -> str:
        """``a=1/2, b=1, ...`` for a parameter tuple (colours shown as spins)."""
        parts = []
        for p, v in zip(self.domain.params, case):
            if p.kind == "level":
                parts.append("q=generic" if v == 0 else f"q=e^(i pi/{v})")
            elif p.kind == "integer":
                parts.append(f"{p.name}={v}")
            else:
                parts.append(f"{p.name}={spin_str(v)}")
        return ", ".join(parts)

    def __call__(self, *case: int) -> CheckResult:
        """Check one parameter tuple after confirming it lies in the domain (the raw
        ``check`` trusts its input; outside the domain an identity need not hold)."""
        self.domain.require(case, self.name)
        return self.check(*case)


_REGISTRY: dict[str, Identity] = {}


def register(identity: Identity) -> Identity:
    """Add an identity to the catalogue (names are unique)."""
    if identity.name in _REGISTRY:
        raise InvalidArgumentError(f"identity name {identity.name!r} is already registered")
    _REGISTRY[identity.name] = identity
    return identity


def unregister(name: str) -> Identity:
    """Remove an identity from the catalogue (for identities defined in a session or test)."""
    identity = get(name)
    del _REGISTRY[name]
    return identity


def registrar(
    *, default_max_spin: float, random_max_spin: float, tags: tuple[str, ...], domain: Domain | None = None
) -> Callable[..., Identity]:
    """A ``register(name, title, statement, check, reference, domain=...)`` function that
    fills in one module's sweep bounds, tags and (optionally) default domain."""

    def reg(
        name: str,
        title: str,
        statement: str,
        check: Callable[..., CheckResult],
        reference: str,
        domain: Domain | None = domain,
    ) -> Identity:
        if domain is None:
            raise InvalidArgumentError(f"identity {name!r} needs a domain")
        return register(
            Identity(name, title, statement, domain, check, default_max_spin, random_max_spin, reference, tags)
        )

    return reg


def get(name: str) -> Identity:
    """The identity called ``name``; the error lists the known names."""
    try:
        return _REGISTRY[name]
    except KeyError:
        raise InvalidArgumentError(
            f"identity = {name!r} is not in the catalogue; known identities: {', '.join(sorted(_REGISTRY))}"
        ) from None


def catalogue() -> tuple[Identity, ...]:
    """All registered identities, in registration order."""
    return tuple(_REGISTRY.values())


def names() -> tuple[str, ...]:
    """Names of all registered identities."""
    return tuple(_REGISTRY)
