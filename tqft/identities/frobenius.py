"""2D TQFT identities: Frobenius relations, closed surfaces, functoriality, gluing.

Every check is exact (``Fraction`` or cyclotomic numbers) and compares a value of the
Frobenius-algebra TQFT of :mod:`tqft.tqft_models.frobenius` with a witness computed
another way:

* ``frobenius_algebra_relations`` -- the relations of a commutative Frobenius algebra, as
  matrices built from the structure constants, for every built-in algebra.
* ``group_algebra_surfaces`` -- ``Z(Sigma_g) = eps(h^g)`` for the centre of ``Q[G]`` against
  ``sum_rho (|G|/dim rho)^(2g-2)`` with the irreducible degrees of a published character
  table, against Mednykh's ``|Hom(pi_1 Sigma_g, G)| / |G|`` counted in the group, and the
  degrees recovered from the handle eigenvalues against the table.
* ``verlinde_algebra_surfaces`` -- ``Z(Sigma_g)`` of the SU(2)_k fusion ring against the
  Verlinde dimension from S, Szenes' closed form, and the idempotent-basis algebra over
  ``Q(zeta_{8(k+2)})``.
* ``polynomial_algebra_surfaces`` -- for ``Q[x]/(p)``: the handle element is ``p'(x)``, and
  ``Z(Sigma_g) = Tr(p'(C)^(g-1))`` with ``C`` the companion matrix of ``p`` (no Frobenius
  structure used); for ``p = x^n`` also the closed form ``Z(Sigma_g) = n [g = 1]`` (``n > 1``).
* ``tqft_functoriality`` -- on seeded random generator words ``f, g``:
  ``Z(g o f) = Z(g) Z(f)``, ``Z(f | g) = Z(f) (x) Z(g)``, and the matrix composed generator by
  generator equals the one computed from the normal form.
* ``tqft_gluing_trace`` -- closing the two circles of ``Sigma_{g-1}`` with two boundary
  circles gives ``Sigma_g``: ``Z(Sigma_g) = Tr Z(surface(g-1, 1, 1)) = Tr(L_h^(g-1))``.

Parameters are plain integers: an index into :data:`BUILTIN_SPECS`, :data:`GROUPS` or
:data:`POLYNOMIALS`, a level ``k``, a genus ``g``, or a seed.

References: J. Kock, *Frobenius Algebras and 2D Topological Quantum Field Theories* (2004),
ch. 2-3; L. Abrams, J. Knot Theory Ramifications 5 (1996) 569; A. D. Mednykh, Soviet Math.
Dokl. 19 (1978) 318 (and N. Snyder, arXiv:math/0703073); G. James, M. Liebeck,
*Representations and Characters of Groups* (2nd ed. 2001), ch. 18-20 (character tables);
E. Verlinde, Nucl. Phys. B 300 (1988) 360; A. Szenes, alg-geom/9402003, eq. (1.1).
"""

from __future__ import annotations

import random
from fractions import Fraction
from typing import Any

from ..algebra.modular import modular_data, verlinde_dimension_closed_form
from ..exact.matrix import ExactMatrix
from ..topology.cobordism2d import parse_cobordism, random_word, surface
from ..tqft_models.frobenius import (
    algebra_from_spec,
    group_algebra,
    polynomial_algebra,
    surface_group_homomorphisms,
    verlinde_algebra,
)
from .core import CheckResult, Domain, integer, registrar

__all__ = ["BUILTIN_SPECS", "GROUPS", "POLYNOMIALS", "PUBLISHED_DEGREES"]

#: the built-in algebras swept by the relation and gluing identities
BUILTIN_SPECS = (
    "group:S3",
    "group:Z5",
    "group:Q8",
    "group:D4",
    "group:A4",
    "group:S4",
    "group:A5",
    "verlinde:1",
    "verlinde:2",
    "verlinde:3",
    "verlinde:4",
    "verlinde:5",
    "verlinde:2:idempotent",
    "verlinde:3:idempotent",
    "poly:1",
    "poly:2",
    "poly:3",
    "poly:5",
    "poly:-2,0,1",
    "poly:1,1,1",
    "poly:0,-1,0,1",
    "poly:1/2,0,0,3",
)

#: degrees of the irreducible complex representations, from published character tables
#: (James & Liebeck ch. 18-20: S3, D8 (our D4, order 8), Q8, A4, S4, A5, S5, the dicyclic
#: group T12 (our Q12), D10 (our D5); a cyclic group has only linear characters)
PUBLISHED_DEGREES: dict[str, tuple[int, ...]] = {
    "S3": (1, 1, 2),
    "Z5": (1, 1, 1, 1, 1),
    "Q8": (1, 1, 1, 1, 2),
    "D4": (1, 1, 1, 1, 2),
    "A4": (1, 1, 1, 3),
    "S4": (1, 1, 2, 3, 3),
    "A5": (1, 3, 3, 4, 5),
    "D5": (1, 1, 2, 2),
    "Q12": (1, 1, 1, 1, 2, 2),
    "S5": (1, 1, 4, 4, 5, 5, 6),
}
GROUPS = tuple(PUBLISHED_DEGREES)

#: polynomials ``p`` (coefficients lowest degree first) for ``Q[x]/(p)``
POLYNOMIALS: tuple[tuple[Any, ...], ...] = (
    (0, 1),
    (0, 0, 1),
    (0, 0, 0, 1),
    (0, 0, 0, 0, 1),
    (0, 0, 0, 0, 0, 0, 1),
    (-2, 0, 1),
    (1, 1, 1),
    (6, -5, 1),
    (0, -1, 0, 1),
    (1, 0, 0, 0, 1),
    (Fraction(1, 2), 0, -3, 0, 2),
    (0, 0, 1, 1),
)

MAX_GENUS_CHECKED = 5

_register = registrar(default_max_spin=12, random_max_spin=12, tags=("frobenius", "2D TQFT"))


def _result(lhs: list[Any], rhs: list[Any]) -> CheckResult:
    return CheckResult(lhs == rhs, tuple(lhs), tuple(rhs))


# --- relations ----------------------------------------------------------------------------------


def _relations(i: int) -> CheckResult:
    rel = algebra_from_spec(BUILTIN_SPECS[i]).check_frobenius_relations()
    lhs = [r.lhs for r in rel.values()]
    rhs = [r.rhs for r in rel.values()]
    return _result(lhs, rhs)


_register(
    "frobenius_algebra_relations",
    "2D TQFT: the relations of a commutative Frobenius algebra hold for every built-in algebra",
    r"m(m\otimes 1) = m(1\otimes m),\ m\tau = m,\ (\Delta\otimes 1)\Delta = (1\otimes\Delta)\Delta,\ "
    r"\tau\Delta = \Delta,\ (\varepsilon\otimes 1)\Delta = 1,\ "
    r"(1\otimes m)(\Delta\otimes 1) = \Delta m = (m\otimes 1)(1\otimes\Delta),\ m\Delta = L_h",
    _relations,
    "Kock, Frobenius Algebras and 2D TQFTs, sec. 2.3-2.4; Abrams 1996",
    domain=Domain((integer("algebra", 0, len(BUILTIN_SPECS) - 1),)),
)


# --- group algebras -------------------------------------------------------------------------------


def _character_formula(order: int, degrees: tuple[int, ...], g: int) -> Fraction:
    return sum((Fraction(order, d) ** (2 * g - 2) for d in degrees), Fraction(0))


def _group_surfaces(i: int, g: int) -> CheckResult:
    name = GROUPS[i]
    alg = group_algebra(name)
    z = alg.closed_surface(g)
    published = PUBLISHED_DEGREES[name]
    computed = alg.irrep_degrees()
    lhs = [z, z, computed, sum(d * d for d in computed), len(computed)]
    rhs = [
        _character_formula(alg.order, published, g),
        Fraction(surface_group_homomorphisms(name, g), alg.order),
        published,
        alg.order,
        alg.dimension,
    ]
    return _result(lhs, rhs)


_register(
    "group_algebra_surfaces",
    "2D TQFT of Z(Q[G]): Z(Sigma_g) = sum_rho (|G|/dim rho)^(2g-2) = |Hom(pi_1 Sigma_g, G)|/|G|",
    r"\varepsilon(h^g) = \sum_{\rho} \left(\frac{|G|}{\dim\rho}\right)^{2g-2} = "
    r"\frac{|\mathrm{Hom}(\pi_1\Sigma_g, G)|}{|G|}, \quad \varepsilon(g) = \frac{\delta_{g,e}}{|G|}",
    _group_surfaces,
    "Mednykh 1978; Snyder arXiv:math/0703073; James & Liebeck ch. 18-20 (character tables)",
    domain=Domain((integer("group", 0, len(GROUPS) - 1), integer("g", 0, MAX_GENUS_CHECKED - 1))),
)


# --- Verlinde algebras ----------------------------------------------------------------------------


def _verlinde_surfaces(k: int, g: int) -> CheckResult:
    z = verlinde_algebra(k).closed_surface(g)
    lhs: list[Any] = [z, z, verlinde_algebra(k, "idempotent").closed_surface(g)]
    rhs: list[Any] = [modular_data(k).verlinde_dimension(g), verlinde_dimension_closed_form(k, g), z]
    if g <= 1:  # Z(S^2) = 1, Z(T^2) = number of labels
        lhs.append(z)
        rhs.append(1 if g == 0 else k + 1)
    return _result(lhs, rhs)


_register(
    "verlinde_algebra_surfaces",
    "2D TQFT of the SU(2)_k fusion ring: Z(Sigma_g) is the Verlinde dimension",
    r"\varepsilon(h^g) = \sum_a S_{0a}^{2-2g} = \left(\tfrac{k+2}{2}\right)^{g-1}"
    r"\sum_{j=1}^{k+1} \sin^{2-2g}\tfrac{\pi j}{k+2}, \quad \varepsilon([a]) = \delta_{a0}",
    _verlinde_surfaces,
    "Verlinde 1988; Szenes alg-geom/9402003 (1.1); Kock sec. 2.3",
    domain=Domain((integer("k", 1, 10), integer("g", 0, MAX_GENUS_CHECKED))),
)


# --- polynomial algebras ----------------------------------------------------------------------------


def _companion_trace(coeffs: tuple[Any, ...], g: int) -> Fraction:
    """``Tr(p'(C)^(g-1))`` with ``C`` the companion matrix of ``p / a_n`` (acting on ``1..x^(n-1)``)."""
    n = len(coeffs) - 1
    monic = [Fraction(c) / Fraction(coeffs[-1]) for c in coeffs]
    zero, one = Fraction(0), Fraction(1)
    entries = {(i + 1, i): one for i in range(n - 1)}
    entries.update({(i, n - 1): -monic[i] for i in range(n)})
    c = ExactMatrix(n, n, entries, zero, one)
    deriv = ExactMatrix.zeros(n, n, zero, one)
    power = ExactMatrix.identity(n, zero, one)
    for i in range(1, n + 1):
        deriv = deriv + power.scale(i * monic[i])
        power = power @ c
    return Fraction((deriv ** (g - 1)).trace())


def _polynomial_surfaces(i: int, g: int) -> CheckResult:
    coeffs = POLYNOMIALS[i]
    n = len(coeffs) - 1
    alg = polynomial_algebra(coeffs)
    derivative = tuple(Fraction(j * coeffs[j]) / Fraction(coeffs[-1]) for j in range(1, n + 1))  # p'/a_n
    z = alg.closed_surface(g)
    lhs: list[Any] = [alg.handle_element, z]
    rhs: list[Any] = [derivative, _companion_trace(coeffs, g) if g >= 1 else Fraction(int(n == 1))]
    if all(c == 0 for c in coeffs[:-1]):  # p = x^n
        lhs.append(z)
        rhs.append(Fraction(1) if n == 1 else Fraction(n if g == 1 else 0))
    return _result(lhs, rhs)


_register(
    "polynomial_algebra_surfaces",
    "2D TQFT of Q[x]/(p): handle element p'(x), Z(Sigma_g) = Tr p'(x)^(g-1); Q[x]/(x^n): n [g = 1]",
    r"h = p'(x),\quad \varepsilon(h^g) = \mathrm{Tr}\,p'(C)^{g-1}\ (g \ge 1),\quad "
    r"\varepsilon(x^i) = \delta_{i,n-1};\ p = x^n:\ \varepsilon(h^g) = n\,\delta_{g,1}\ (n > 1)",
    _polynomial_surfaces,
    "Kock sec. 2.2-2.3 (Q[x]/(x^n) and its Frobenius form); Abrams 1996 (handle element)",
    domain=Domain((integer("p", 0, len(POLYNOMIALS) - 1), integer("g", 0, MAX_GENUS_CHECKED))),
)


# --- functoriality and gluing ---------------------------------------------------------------------

#: algebras of dimension <= 3, so that random words stay small
_SMALL = ("group:S3", "verlinde:1", "verlinde:2", "poly:2", "poly:3", "poly:-2,0,1", "verlinde:1:idempotent")


def _functoriality(seed: int) -> CheckResult:
    rng = random.Random(f"tqft_functoriality:{seed}")
    alg = algebra_from_spec(_SMALL[seed % len(_SMALL)])
    f = random_word(rng, source=rng.randrange(0, 3), layers=rng.randrange(2, 7))
    g = random_word(rng, source=f.arity[1], layers=rng.randrange(2, 7))
    h = random_word(rng, source=rng.randrange(0, 2), layers=rng.randrange(1, 4), max_width=2)
    cf, cg, ch = parse_cobordism(f), parse_cobordism(g), parse_cobordism(h)
    zf, zg, zh = alg.Z(cf), alg.Z(cg), alg.Z(ch)
    canonical = (cg @ cf).to_expression(generators_only=True)  # another word for g o f
    lhs = [alg.Z(cg @ cf), alg.Z(cf | ch), alg.evaluate(f), alg.evaluate(g), alg.evaluate(canonical)]
    rhs = [zg @ zf, zf.kron(zh), zf, zg, zg @ zf]
    return _result(lhs, rhs)


_register(
    "tqft_functoriality",
    "2D TQFT: Z(g o f) = Z(g) Z(f), Z(f | g) = Z(f) (x) Z(g), Z(word) = Z(normal form), on random words",
    r"Z(g \circ f) = Z(g) Z(f),\quad Z(f \sqcup g) = Z(f) \otimes Z(g),\quad "
    r"Z(w_1 \cdots w_r) = Z(w_1) \cdots Z(w_r) = Z(\mathrm{nf}(w))",
    _functoriality,
    "Abrams 1996; Kock sec. 1.4 (normal form) and 3.3 (2Cob is generated by u, e, m, D, t)",
    domain=Domain((integer("seed", 0, 59),)),
)


def _gluing(i: int, g: int) -> CheckResult:
    alg = algebra_from_spec(BUILTIN_SPECS[i])
    z = alg.closed_surface(g)
    lhs = [z, z, alg.closed_surface(1)]
    rhs = [alg.Z(surface(g - 1, 1, 1)).trace(), (alg.handle_operator ** (g - 1)).trace(), alg.dimension]
    return _result(lhs, rhs)


_register(
    "tqft_gluing_trace",
    "2D TQFT: gluing the ends of a genus-(g-1) tube gives Sigma_g: Z(Sigma_g) = Tr Z(Sigma_{g-1,1,1})",
    r"\varepsilon(h^g) = \mathrm{Tr}\, Z(\Sigma_{g-1;1,1}) = \mathrm{Tr}\, L_h^{g-1}, \quad "
    r"Z(T^2) = \dim A",
    _gluing,
    "Kock sec. 2.3 (trace and the handle element); Abrams 1996",
    domain=Domain((integer("algebra", 0, len(BUILTIN_SPECS) - 1), integer("g", 1, 4))),
)
