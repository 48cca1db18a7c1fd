"""SU(2)_k modular data, exact: S, T, twists, quantum dimensions, fusion and Verlinde.

Everything lives in one cyclotomic field, ``K = Q(zeta_N)`` with ``N = 8(k+2)`` and the
principal embedding ``zeta_N -> exp(2 pi i / N)``, which contains all of it:

=====================================  ==============================================
quantity                               element of ``K`` (``r = k + 2``, ``zeta = zeta_N``)
=====================================  ==============================================
``i``                                  ``zeta^(2r)``
``q = exp(i pi / r)``                  ``zeta^4`` (so ``q^(1/2) = zeta^2 = zeta_4r``)
``sqrt(2r)`` (positive)                ``G_N / (2 (1 + i))``, ``G_N = sum_{n<N} zeta^(n^2)``
``S_ab``                               ``(q^m - q^-m) / (i sqrt(2r))``, ``m = (a+1)(b+1)``
``T_aa = exp(2 pi i (h_a - c/24))``    ``zeta^(2a(a+2) - k)``
``theta_a = exp(2 pi i h_a)``          ``zeta^(2a(a+2))``
``exp(2 pi i c / 8)``                  ``zeta^(3k)``
=====================================  ==============================================

*Why S is exact.*  ``sin x = (e^{ix} - e^{-ix}) / (2i)`` gives
``sqrt(2/r) sin(pi m / r) = (q^m - q^-m) / (i sqrt(2r))``, and ``sqrt(2r)`` is a
cyclotomic number by Gauss: for ``N = 0 mod 4`` the quadratic Gauss sum is
``G_N = sum_{n=0}^{N-1} exp(2 pi i n^2 / N) = (1 + i) sqrt(N)`` [BEW, ch. 1], and
``sqrt(8r) = 2 sqrt(2r)``.  The square ``sqrt(2r)^2 = 2r`` and its sign under the embedding
are checked exactly in the tests, and ``S^2 = C``, ``S = S^T``, ``S S^dagger = 1`` are
catalogue identities (:mod:`tqft.identities.modular`).  Note ``(i sqrt(2r))^-2 = -1/(2r)``
is rational, so every product of two S entries lies in ``Q(q)``.

Conventions
-----------
Labels are colours ``a = 2j = 0, 1, ..., k`` (spins ``j = 0 .. k/2``), as everywhere in tqft.

* ``S_ab = sqrt(2/(k+2)) sin(pi (a+1)(b+1) / (k+2))``, real and symmetric: the
  Kac-Peterson matrix of affine su(2) at level k [DMS, sec. 14.6; REFERENCES.md sec. 3].
* ``h_a = a(a+2) / (4(k+2)) = j(j+1)/(k+2)``, ``c = 3k/(k+2)`` (Sugawara) [DMS, ch. 15].
* ``T = diag(exp(2 pi i (h_a - c/24)))``, the CFT normalisation [DMS, ch. 10 and 14]: with
  it ``(ST)^3 = S^2 = C`` exactly, so the phase is ``p = 1``.
* ``Theta = diag(theta_a)``, ``theta_a = exp(2 pi i h_a)``, the ribbon (twist) normalisation of
  a modular category [BK, sec. 3.1]: with it ``(S Theta)^3 = p S^2`` with
  ``p = exp(2 pi i c / 8) = p^+ / D``, where ``p^+- = sum_a theta_a^{+-1} d_a^2`` are the Gauss
  sums and ``D > 0``, ``D^2 = sum_a d_a^2`` [BK, Thm. 3.1.17].  The two normalisations differ
  by the scalar ``exp(-2 pi i c / 24)``, which is why the phases differ by its cube.
* ``C_ab = delta_{a, b*}`` with ``b* = b``: every SU(2)_k label is self-dual, so ``C = 1``.
* ``d_a = S_0a / S_00 = [a+1]_q = sin(pi (a+1)/r) / sin(pi / r)`` at ``q = exp(i pi / r)``
  [DMS, sec. 16.3; BK, sec. 3.3]; ``D^2 = sum_a d_a^2 = 1 / S_00^2 = r / (2 sin^2(pi/r))``.
* Verlinde: ``N_ab^c = sum_x S_ax S_bx conj(S_cx) / S_0x`` [DMS, sec. 16.1; BK, (3.1.30)];
  for SU(2)_k this is the truncated Clebsch-Gordan rule ``N_ab^c = 1`` iff ``a + b + c`` is
  even and ``|a - b| <= c <= min(a + b, 2k - a - b)`` [DMS, sec. 16.2].  Fusion matrices
  are ``(N_a)_{bc} = N_ab^c``, and ``S^-1 N_a S = diag(S_ab / S_0b)``.
* ``dim Z(Sigma_g) = sum_a S_0a^(2-2g)`` [Verlinde 1988], equal to the closed form
  ``(r/2)^(g-1) sum_{j=1}^{r-1} sin(pi j / r)^(2-2g)`` [Szenes, eq. (1.1)].

Cost guard: a level above :data:`MAX_LEVEL` (200), or a full Verlinde computation (every
``N_ab^c`` from S, time ``~ k^4``) above :data:`MAX_LEVEL_VERLINDE` (40), raises
:class:`~tqft.errors.CostLimitError` before any work; :func:`level_limit` lifts both.

References
----------
* [DMS] P. Di Francesco, P. Mathieu, D. Senechal, *Conformal Field Theory* (Springer 1997),
  ch. 10 (modular group), 14.6 (modular S of affine algebras), 15 (WZW models),
  16.1-16.3 (Verlinde formula, su(2)_k fusion rules, quantum dimensions).
* [BK] B. Bakalov, A. Kirillov Jr., *Lectures on Tensor Categories and Modular Functors*
  (AMS 2001), sec. 3.1 (S, theta, Gauss sums p^+-, Verlinde formula (3.1.30),
  Theorem 3.1.17) and sec. 3.3 (U_q(sl2) at a root of unity).
* [BEW] B. C. Berndt, R. J. Evans, K. S. Williams, *Gauss and Jacobi Sums* (Wiley 1998), ch. 1.
* E. Verlinde, Nucl. Phys. B 300 (1988) 360; A. Szenes, *The combinatorics of the Verlinde
  formulas*, alg-geom/9402003, eq. (1.1).

Examples
--------
>>> md = modular_data(3)
>>> md.central_charge, md.rank, md.field
(Fraction(9, 5), 4, CyclotomicField(40, embedding=1))
>>> d = md.quantum_dimension(2)          # the golden ratio
>>> d * d == d + 1, d.sign()
(True, 1)
>>> md.S @ md.S == md.C
True
>>> md.fusion_coefficient(2, 2, 2), md.verlinde_dimension(2)
(1, 20)
"""

from __future__ import annotations

import contextlib
import numbers
from collections.abc import Iterator
from fractions import Fraction
from functools import cached_property, lru_cache
from typing import Any

from ..errors import CostLimitError, InvalidArgumentError, temporary_limits
from ..exact.cyclotomic import Cyclotomic, CyclotomicField, cyclotomic_field
from ..exact.matrix import ExactMatrix

__all__ = [
    "MAX_LEVEL",
    "MAX_LEVEL_VERLINDE",
    "ModularData",
    "fusion_rule",
    "level_limit",
    "modular_data",
    "verlinde_dimension_closed_form",
]

#: largest level accepted (S for k = 200 lives in Q(zeta_1616), degree 800)
MAX_LEVEL = 200
#: largest level for which every N_ab^c is computed from S (time grows like k^4)
MAX_LEVEL_VERLINDE = 40
#: largest genus for Verlinde dimensions (the numbers grow like D^(2g))
MAX_GENUS = 1000

_limits = {"level": MAX_LEVEL, "verlinde": MAX_LEVEL_VERLINDE}

Tensor = tuple[tuple[tuple[int, ...], ...], ...]


@contextlib.contextmanager
def level_limit(max_level: int) -> Iterator[None]:
    """Temporarily raise (or lower) :data:`MAX_LEVEL` and :data:`MAX_LEVEL_VERLINDE` to ``max_level``.

    >>> with level_limit(300):
    ...     modular_data(250).rank
    251
    """
    new = _check_int(max_level, "max_level", 1)
    with temporary_limits(_limits, new):
        yield


# --- argument checking -------------------------------------------------------------------


def _check_int(value: Any, name: str, low: int) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise InvalidArgumentError(f"{name} = {value!r} must be an integer >= {low} (got {type(value).__name__})")
    v = int(value)
    if v < low:
        raise InvalidArgumentError(f"{name} = {v} must be an integer >= {low}")
    return v


def _check_level(k: Any) -> int:
    if isinstance(k, bool) or not isinstance(k, numbers.Integral):
        raise InvalidArgumentError(
            f"k = {k!r} is not a level: SU(2)_k needs an integer k >= 1 (got {type(k).__name__})"
        )
    level = int(k)
    if level < 1:
        raise InvalidArgumentError(f"k = {level} is not a level: SU(2)_k needs an integer k >= 1")
    if level > _limits["level"]:
        raise CostLimitError(
            f"k = {level} exceeds the limit of {_limits['level']} levels: the modular data of SU(2)_k live in "
            f"Q(zeta_{8 * (level + 2)}) and S has {(level + 1) ** 2} entries; raise the limit with "
            "tqft.algebra.modular.level_limit(...) if you mean it"
        )
    return level


# --- the modular data ------------------------------------------------------------------------


class ModularData:
    """The modular data of SU(2)_k, exact in ``Q(zeta_{8(k+2)})`` (see the module docstring).

    Build it with :func:`modular_data` (cached).  Matrices are
    :class:`~tqft.exact.matrix.ExactMatrix` over the field, indexed by colours ``0..k``.

    Parameters
    ----------
    k : int
        The level, ``1 <= k <= MAX_LEVEL``.

    Raises
    ------
    InvalidArgumentError
        if ``k`` is not an integer ``>= 1``.
    CostLimitError
        if ``k > MAX_LEVEL`` (see :func:`level_limit`).

    Examples
    --------
    >>> md = ModularData(2)                  # Ising-like: d = (1, sqrt 2, 1)
    >>> [md.quantum_dimension(a) ** 2 == n for a, n in enumerate((1, 2, 1))]
    [True, True, True]
    >>> md.conformal_weight(1), md.conformal_weight(2)
    (Fraction(3, 16), Fraction(1, 2))
    >>> md.twist(2) == -1
    True
    """

    def __init__(self, k: int) -> None:
        self.k = _check_level(k)
        #: ``k + 2``: ``q = exp(i pi / r)``
        self.r = self.k + 2
        #: the conductor ``N = 8r``
        self.conductor = 8 * self.r
        self.field: CyclotomicField = cyclotomic_field(self.conductor)
        self.rank = self.k + 1
        self.labels = range(self.rank)
        self._s_by_m: dict[int, Cyclotomic] = {}

    # -- basic numbers ---------------------------------------------------------------------
    def _z(self, e: int) -> Cyclotomic:
        return self.field.zeta_power(e)

    @property
    def i(self) -> Cyclotomic:
        """``i = zeta_N^(N/4)``."""
        return self._z(2 * self.r)

    @property
    def q(self) -> Cyclotomic:
        """``q = exp(i pi / (k+2)) = zeta_N^4``."""
        return self._z(4)

    @cached_property
    def sqrt_2r(self) -> Cyclotomic:
        """The positive square root of ``2r = 2(k+2)``, from the Gauss sum ``G_N = (1+i) sqrt(N)``."""
        n = self.conductor
        exponents: dict[int, int] = {}
        for m in range(n):
            e = m * m % n
            exponents[e] = exponents.get(e, 0) + 1
        gauss = self.field.zero
        for e, mult in exponents.items():
            gauss = gauss + self._z(e) * mult
        return gauss / (2 * (1 + self.i))

    @cached_property
    def _kappa(self) -> Cyclotomic:
        """``1 / (i sqrt(2r))``, so that ``S_ab = kappa (q^m - q^-m)``."""
        return (self.i * self.sqrt_2r).inverse()

    def _s_value(self, m: int) -> Cyclotomic:
        """``sqrt(2/r) sin(pi m / r)`` for any integer ``m`` (cached by ``m mod 2r``)."""
        m %= 2 * self.r
        v = self._s_by_m.get(m)
        if v is None:
            v = self._s_by_m[m] = self._kappa * (self._z(4 * m) - self._z(-4 * m))
        return v

    def _label(self, a: Any, name: str = "a") -> int:
        if isinstance(a, bool) or not isinstance(a, numbers.Integral) or not 0 <= int(a) <= self.k:
            raise InvalidArgumentError(
                f"{name} = {a!r} is not a label of SU(2)_{self.k}: expected a colour 2j in 0..{self.k} (an int)"
            )
        return int(a)

    # -- S, T, C ---------------------------------------------------------------------------------
    def s_entry(self, a: int, b: int) -> Cyclotomic:
        """``S_ab = sqrt(2/(k+2)) sin(pi (a+1)(b+1)/(k+2))`` (colours ``a, b``), exact."""
        return self._s_value((self._label(a) + 1) * (self._label(b, "b") + 1))

    @cached_property
    def S(self) -> ExactMatrix:
        """The modular S matrix (real, symmetric, unitary, ``S^2 = C``)."""
        rows = [[self._s_value((a + 1) * (b + 1)) for b in self.labels] for a in self.labels]
        return ExactMatrix.from_rows(rows, self.field.zero, self.field.one)

    @cached_property
    def T(self) -> ExactMatrix:
        """``T = diag(exp(2 pi i (h_a - c/24)))`` (CFT normalisation; ``(ST)^3 = S^2``)."""
        diag = [self._z(2 * a * (a + 2) - self.k) for a in self.labels]
        return ExactMatrix.diagonal(diag, self.field.zero, self.field.one)

    @cached_property
    def twist_matrix(self) -> ExactMatrix:
        """``Theta = diag(theta_a)`` (ribbon normalisation; ``(S Theta)^3 = exp(2 pi i c/8) S^2``)."""
        return ExactMatrix.diagonal([self.twist(a) for a in self.labels], self.field.zero, self.field.one)

    @cached_property
    def C(self) -> ExactMatrix:
        """Charge conjugation ``C_ab = delta_{a, b*}``; the identity, since ``a* = a`` for SU(2)_k."""
        return ExactMatrix.identity(self.rank, self.field.zero, self.field.one)

    def dual(self, a: int) -> int:
        """The dual label ``a*`` (``= a``: every SU(2)_k representation is self-dual)."""
        return self._label(a)

    # -- conformal data ----------------------------------------------------------------------
    @property
    def central_charge(self) -> Fraction:
        """``c = 3k / (k+2)`` (Sugawara, ``dim su(2) = 3``, dual Coxeter number 2)."""
        return Fraction(3 * self.k, self.r)

    def conformal_weight(self, a: int) -> Fraction:
        """``h_a = a(a+2) / (4(k+2)) = j(j+1)/(k+2)`` with ``a = 2j``."""
        a = self._label(a)
        return Fraction(a * (a + 2), 4 * self.r)

    def twist(self, a: int) -> Cyclotomic:
        """``theta_a = exp(2 pi i h_a) = q^(a(a+2)/2)``, exactly ``zeta_N^(2a(a+2))``."""
        a = self._label(a)
        return self._z(2 * a * (a + 2))

    @property
    def central_phase(self) -> Cyclotomic:
        """``exp(2 pi i c / 8) = zeta_N^(3k)``."""
        return self._z(3 * self.k)

    def st_phase(self, normalisation: str = "cft") -> Cyclotomic:
        """The phase ``p`` in ``(S T)^3 = p S^2``.

        Parameters
        ----------
        normalisation : {"cft", "twist"}
            ``"cft"``: ``T`` as in :attr:`T`, and ``p = 1`` [DMS, ch. 10];
            ``"twist"``: ``T = Theta`` (:attr:`twist_matrix`), and ``p = exp(2 pi i c/8) = p^+/D``
            [BK, Thm. 3.1.17].

        Raises
        ------
        InvalidArgumentError
            for any other ``normalisation``.
        """
        if normalisation == "cft":
            return self.field.one
        if normalisation == "twist":
            return self.central_phase
        raise InvalidArgumentError(f"normalisation = {normalisation!r} must be 'cft' or 'twist'")

    # -- dimensions ------------------------------------------------------------------------------
    def quantum_dimension(self, a: int) -> Cyclotomic:
        """``d_a = S_0a / S_00`` (equal to ``[a+1]_q`` at ``q = exp(i pi/(k+2))``; positive)."""
        a = self._label(a)
        return self._s_value(a + 1) * self._inv_s0[0]

    @cached_property
    def _inv_s0(self) -> tuple[Cyclotomic, ...]:
        """``1 / S_0x`` for every ``x``."""
        return tuple(self._s_value(x + 1).inverse() for x in self.labels)

    @cached_property
    def total_dimension_squared(self) -> Cyclotomic:
        """``D^2 = sum_a d_a^2`` (equal to ``1/S_00^2 = (k+2) / (2 sin^2(pi/(k+2)))``)."""
        total = self.field.zero
        for a in self.labels:
            d = self.quantum_dimension(a)
            total = total + d * d
        return total

    @cached_property
    def total_dimension(self) -> Cyclotomic:
        """``D = 1 / S_00 > 0``, the positive square root of :attr:`total_dimension_squared`."""
        return self._inv_s0[0]

    def gauss_sum(self, sign: int = 1) -> Cyclotomic:
        """``p^+- = sum_a theta_a^(+-1) d_a^2``; ``p^+ = D exp(2 pi i c/8)`` [BK, sec. 3.1].

        Raises
        ------
        InvalidArgumentError
            unless ``sign`` is ``1`` or ``-1``.
        """
        if sign not in (1, -1) or isinstance(sign, bool):
            raise InvalidArgumentError(f"sign = {sign!r} must be 1 (p^+) or -1 (p^-)")
        total = self.field.zero
        for a in self.labels:
            d = self.quantum_dimension(a)
            total = total + self._z(sign * 2 * a * (a + 2)) * d * d
        return total

    def lift(self, x: Cyclotomic) -> Cyclotomic:
        """Map an element of ``Q(zeta_m)``, ``m | N``, into this field, keeping its complex value.

        ``zeta_m -> exp(2 pi i e / m)`` (``e`` = that field's embedding) is sent to
        ``zeta_N^(e N / m)``, a field homomorphism compatible with both embeddings.  With
        ``m = 4(k+2)`` this carries the quantum-group context
        :func:`~tqft.exact.qcontexts.root_of_unity` ``(k+2)`` into the modular data.

        Raises
        ------
        InvalidArgumentError
            if ``x`` is not a cyclotomic element or its conductor does not divide ``N``.

        Examples
        --------
        >>> from tqft.exact.qcontexts import root_of_unity
        >>> md = modular_data(3)
        >>> md.lift(root_of_unity(5).qint(3)) == md.quantum_dimension(2)
        True
        """
        if not isinstance(x, Cyclotomic):
            raise InvalidArgumentError(f"x = {x!r} must be an element of a cyclotomic field")
        m = x.field.n
        if self.conductor % m:
            raise InvalidArgumentError(f"x lies in Q(zeta_{m}), and {m} does not divide N = {self.conductor}")
        step = x.field.embedding * (self.conductor // m)
        out = self.field.zero
        for j, c in enumerate(x.poly.coeffs()):
            if c != 0:
                out = out + self._z(j * step) * Fraction(int(c.p), int(c.q))
        return out

    # -- fusion -----------------------------------------------------------------------------------
    def fusion_coefficient(self, a: int, b: int, c: int, method: str = "verlinde") -> int:
        """``N_ab^c``, from the Verlinde formula (exact, then an int) or the fusion rule.

        Parameters
        ----------
        a, b, c : int
            Colours ``0..k``.
        method : {"verlinde", "rule"}
            ``"verlinde"``: ``sum_x S_ax S_bx conj(S_cx) / S_0x`` evaluated exactly in the
            field (``conj(S) = S``, S being real); ``"rule"``: :func:`fusion_rule`.

        Raises
        ------
        InvalidArgumentError
            for a label outside ``0..k`` or an unknown ``method``.
        ArithmeticError
            if the Verlinde sum is not a non-negative integer (it always is; this is a check).
        """
        a, b, c = self._label(a), self._label(b, "b"), self._label(c, "c")
        if method == "rule":
            return fusion_rule(self.k, a, b, c)
        if method != "verlinde":
            raise InvalidArgumentError(f"method = {method!r} must be 'verlinde' or 'rule'")
        return self._verlinde(self._ratios[a], self._products(b, c), f"N_{a}{b}^{c}")

    @cached_property
    def _ratios(self) -> tuple[tuple[Any, ...], ...]:
        """``S_ax / S_0x`` as FLINT polynomials (reduced), by ``a`` then ``x``."""
        return tuple(
            tuple((self._s_value((a + 1) * (x + 1)) * self._inv_s0[x]).poly for x in self.labels) for a in self.labels
        )

    def _products(self, b: int, c: int) -> list[Any]:
        """``S_bx conj(S_cx) = S_bx S_cx`` (S is real) as FLINT polynomials, by ``x``."""
        return [(self._s_value((b + 1) * (x + 1)) * self._s_value((c + 1) * (x + 1))).poly for x in self.labels]

    def _verlinde(self, ratios: tuple[Any, ...], products: list[Any], what: str) -> int:
        """``sum_x ratios[x] * products[x]``: unreduced products summed, reduced once mod ``Phi_N``."""
        acc = self.field.zero.poly
        for ratio, prod in zip(ratios, products):
            acc = acc + ratio * prod
        value = Cyclotomic(self.field, acc % self.field.modulus)
        return _as_count(value, f"Verlinde {what} at level {self.k}")

    def fusion_tensor(self, method: str = "verlinde") -> Tensor:
        """Every ``N_ab^c`` as nested tuples ``[a][b][c]`` of ints.

        ``method="verlinde"`` evaluates the Verlinde formula for every triple (time ``~ k^4``;
        the sum is symmetric in ``a, b, c`` since ``S`` is real and symmetric and every
        label is self-dual, so each unordered triple is computed once) and is guarded by
        :data:`MAX_LEVEL_VERLINDE`; ``method="rule"`` uses :func:`fusion_rule`.

        Raises
        ------
        CostLimitError
            for ``method="verlinde"`` above :data:`MAX_LEVEL_VERLINDE` (see :func:`level_limit`).
        """
        if method == "rule":
            return tuple(
                tuple(tuple(fusion_rule(self.k, a, b, c) for c in self.labels) for b in self.labels)
                for a in self.labels
            )
        if method != "verlinde":
            raise InvalidArgumentError(f"method = {method!r} must be 'verlinde' or 'rule'")
        return self._verlinde_tensor

    @cached_property
    def _verlinde_tensor(self) -> Tensor:
        if self.k > _limits["verlinde"]:
            raise CostLimitError(
                f"k = {self.k} exceeds the limit of {_limits['verlinde']} for the full Verlinde tensor: it takes "
                f"about {self.rank**4 // 6:,} products in Q(zeta_{self.conductor}); use method='rule', single "
                "fusion_coefficient(...) calls, or raise the limit with tqft.algebra.modular.level_limit(...)"
            )
        n = self.rank
        out = [[[0] * n for _ in range(n)] for _ in range(n)]
        ratios = self._ratios
        for b in range(n):
            for c in range(b, n):
                products = self._products(b, c)
                for a in range(b + 1):
                    v = self._verlinde(ratios[a], products, f"N_{a}{b}^{c}")
                    for x, y, z in ((a, b, c), (a, c, b), (b, a, c), (b, c, a), (c, a, b), (c, b, a)):
                        out[x][y][z] = v
        return tuple(tuple(tuple(row) for row in plane) for plane in out)

    def fusion_matrix(self, a: int, method: str = "verlinde") -> ExactMatrix:
        """``N_a`` with ``(N_a)_{bc} = N_ab^c``, an integer :class:`ExactMatrix`.

        ``S^-1 N_a S = diag(S_ab / S_0b)`` (Verlinde); map it into the field with
        ``N.map(md.field)`` to check that exactly.
        """
        a = self._label(a)
        t = self.fusion_tensor(method)
        return ExactMatrix.from_rows([list(t[a][b]) for b in self.labels], zero=0, one=1)

    def verlinde_eigenvalues(self, a: int) -> tuple[Cyclotomic, ...]:
        """``S_ab / S_0b`` for ``b = 0..k``: the eigenvalues of ``N_a`` (eigenvectors the columns of S)."""
        a = self._label(a)
        return tuple(self._s_value((a + 1) * (b + 1)) * self._inv_s0[b] for b in self.labels)

    # -- Verlinde dimension -------------------------------------------------------------------
    def verlinde_dimension(self, g: int) -> int:
        """``dim Z(Sigma_g) = sum_a S_0a^(2-2g)``, exact and returned as an int.

        Raises
        ------
        InvalidArgumentError
            unless ``g`` is an integer ``>= 0``.
        CostLimitError
            if ``g > MAX_GENUS``.
        ArithmeticError
            if the sum is not a positive integer (it always is; this is a check).

        Examples
        --------
        >>> [modular_data(1).verlinde_dimension(g) for g in range(5)]
        [1, 2, 4, 8, 16]
        """
        g = _check_genus(g)
        total = self.field.zero
        for a in self.labels:
            s2 = self._s_value(a + 1) ** 2  # S_0a^2, so S_0a^(2-2g) = (S_0a^2)^(1-g)
            total = total + s2 ** (1 - g)
        value = _as_count(total, f"dim Z(Sigma_{g}) at level {self.k}")
        if value <= 0:
            raise ArithmeticError(f"dim Z(Sigma_{g}) at level {self.k} came out as {value}, not positive")
        return value

    # -- output -----------------------------------------------------------------------------------
    def __repr__(self) -> str:
        return f"<ModularData SU(2)_{self.k}: rank {self.rank}, c = {self.central_charge}, in Q(zeta_{self.conductor})>"

    def __str__(self) -> str:
        from .modular_format import format_modular

        return format_modular(self.k)

    def _repr_latex_(self) -> str:
        from .modular_format import format_modular

        return format_modular(self.k, latex=True)

    def to_json(self, digits: int | None = None) -> dict[str, Any]:
        """A JSON-ready dict: level, field, ``c``, ``h_a``, ``S``, ``T``, ``d_a``, ``D^2``.

        Every exact value is given as a closed form in sympy syntax (``"exact"``,
        ``sympy.sympify`` reads it) and as an element of ``Q(zeta_N)`` written in ``zN``
        (``"cyclotomic"``); with ``digits`` also as a decimal string (``"value"``, ``"x + yi"``
        for complex values).

        Examples
        --------
        >>> j = modular_data(1).to_json(digits=5)
        >>> j["S"][0][0]
        {'exact': 'sqrt(1/2)', 'cyclotomic': '-1/2*z24^5 + 1/2*z24^3 + 1/2*z24', 'value': '0.70711'}
        >>> j["T"][1]["exact"], j["T"][1]["value"]
        ('exp(2*pi*I*(5/24))', '0.25882 + 0.96593i')
        """
        from .modular_format import modular_to_json

        return modular_to_json(self, digits)


def _check_genus(g: Any) -> int:
    g = _check_int(g, "g", 0)
    if g > MAX_GENUS:
        raise CostLimitError(f"g = {g} exceeds MAX_GENUS = {MAX_GENUS}: dim Z(Sigma_g) has about g * log2(D^2) bits")
    return g


def _as_count(value: Cyclotomic, what: str) -> int:
    """``value`` as an int, after checking it is a non-negative integer."""
    if not value.is_rational():
        raise ArithmeticError(f"{what} = {value} is not rational")
    f = value.to_fraction()
    if f.denominator != 1 or f < 0:
        raise ArithmeticError(f"{what} = {f} is not a non-negative integer")
    return int(f)


@lru_cache(maxsize=64)
def _cached(k: int) -> ModularData:
    return ModularData(k)


def modular_data(k: int) -> ModularData:
    """The cached :class:`ModularData` of SU(2)_k.

    Raises
    ------
    InvalidArgumentError
        if ``k`` is not an integer ``>= 1``.
    CostLimitError
        if ``k > MAX_LEVEL`` (see :func:`level_limit`).
    """
    return _cached(_check_level(k))


# --- closed forms (independent of S) ----------------------------------------------------------


def fusion_rule(k: int, a: int, b: int, c: int) -> int:
    """The truncated Clebsch-Gordan rule of SU(2)_k [DMS, sec. 16.2].

    ``N_ab^c = 1`` if ``a + b + c`` is even and ``|a - b| <= c <= min(a + b, 2k - a - b)``,
    else ``0`` (colours ``0..k``).  Equivalently the classical triangle rule plus
    ``a + b + c <= 2k``, the q-admissibility of :mod:`tqft.exact.qcontexts` at ``r = k + 2``.

    Raises
    ------
    InvalidArgumentError
        if ``k`` is not a level or a colour is outside ``0..k``.

    Examples
    --------
    >>> fusion_rule(2, 1, 1, 2), fusion_rule(2, 2, 2, 2), fusion_rule(4, 2, 2, 2)
    (1, 0, 1)
    """
    k = _check_int(k, "k", 1)
    for name, v in (("a", a), ("b", b), ("c", c)):
        if isinstance(v, bool) or not isinstance(v, numbers.Integral) or not 0 <= v <= k:
            raise InvalidArgumentError(f"{name} = {v!r} is not a label of SU(2)_{k}: expected a colour 2j in 0..{k}")
    ok = (a + b + c) % 2 == 0 and abs(a - b) <= c <= min(a + b, 2 * k - a - b)
    return int(ok)


def verlinde_dimension_closed_form(k: int, g: int) -> int:
    """``(r/2)^(g-1) sum_{j=1}^{r-1} sin(pi j / r)^(2-2g)``, ``r = k + 2`` [Szenes, eq. (1.1)].

    Computed exactly from ``sin^2(pi j / r) = (2 - zeta_r^j - zeta_r^-j) / 4`` in ``Q(zeta_r)``,
    without the S matrix, as an independent check of :meth:`ModularData.verlinde_dimension`.

    Raises
    ------
    InvalidArgumentError, CostLimitError
        as :func:`modular_data` for ``k``; ``g`` must be an integer ``0 <= g <= MAX_GENUS``.

    Examples
    --------
    >>> [verlinde_dimension_closed_form(2, g) for g in range(4)]
    [1, 3, 10, 36]
    """
    k = _check_level(k)
    g = _check_genus(g)
    r = k + 2
    field = cyclotomic_field(r)
    total = field.zero
    for j in range(1, r):
        sin2 = (2 - field.zeta_power(j) - field.zeta_power(-j)) / 4
        total = total + sin2 ** (1 - g)
    value = _as_count(total * Fraction(r, 2) ** (g - 1), f"closed-form dim Z(Sigma_{g}) at level {k}")
    return value
