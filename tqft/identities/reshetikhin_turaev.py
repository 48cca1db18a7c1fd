"""Reshetikhin-Turaev identities of SU(2)_k, checked exactly in ``Q(zeta_{8(k+2)})``.

The invariants come from :mod:`tqft.tqft_models.reshetikhin_turaev`.  Every identity
compares routes that share nothing but the S matrix: the Heegaard route (``rho(U)_00``
from a word found by Euclid's algorithm, times the Rademacher phase), the surgery route
(twist matrices, Gauss sums ``p^+-``, the signature of the linking matrix and ``D``), and
the Gauss-sum closed forms of Jeffrey (computed in ``Q(zeta_{8rp})`` and brought down).

* ``rt_lens_expansion_independence``: ``Z(L(p, q))`` does not depend on the surgery
  presentation (the negative-definite chain, a chain with a zero entry, blow-ups by
  ``+-1``, i.e. negative and positive entries) nor on the gluing matrix within its double
  coset ``T^Z U T^Z`` or its sign, and ``Phi(U) = sum a_i - 3 sigma`` for the chain.
* ``rt_lens_homeomorphism``: ``Z(L(p, q*)) = Z(L(p, q))``, ``Z(L(p, -q)) = conj Z(L(p, q))``,
  so ``|Z|`` is the same for ``q' = +-q^(+-1)``.
* ``rt_lens_closed_form``: Jeffrey's closed formula equals the Heegaard route.
* ``rt_sl2z_closed_form``: Jeffrey's ``rho(U)`` equals ``rho`` of Euclid's word for the gluing
  matrices of lens spaces (``c = p``).
* ``rt_sl2z_relations``: ``S^2 = C``, ``(ST)^3 = S^2``, ``(S Theta)^3 = e^{2 pi i c/8} S^2``,
  and two words of one matrix give one ``rho`` (the chain word and Euclid's word).
* ``rt_surface_times_circle``: ``Z(Sigma_g x S^1)`` is the Verlinde dimension, equal to the
  closed form without S and to the fusion-rule count ``Tr((sum_a N_a^2)^(g-1))``.

Parameters are plain integers: the level ``k``, the lens-space data ``p, q``
(``gcd(p, q) = 1``, ``0 <= q < p``) and the genus ``g``; the sweep bound
``tqft verify --max-spin J`` caps each by ``2J``.

The Turaev-Walker identity ``|Z_RT|^2 = TV`` is registered with the Turaev-Viro state sum,
not here.

References: L. C. Jeffrey, Commun. Math. Phys. 147 (1992) 563; R. Kirby, P. Melvin,
Invent. Math. 105 (1991) 473; D. S. Freed, R. E. Gompf, Commun. Math. Phys. 141 (1991) 79;
H. Rademacher, E. Grosswald, *Dedekind Sums* (1972).  Conventions:
:mod:`tqft.tqft_models.reshetikhin_turaev`.
"""

from __future__ import annotations

import math

from ..algebra.modular import modular_data, verlinde_dimension_closed_form
from ..exact.matrix import ExactMatrix
from ..tqft_models.reshetikhin_turaev import (
    abs_squared,
    chain_lens_space,
    lens_chain,
    lens_gluing_matrix,
    linking_signature,
    rademacher_phi,
    rho,
    rho_closed_form,
    sl2z_matrix,
    sl2z_word,
    z_chain,
    z_heegaard,
    z_lens,
    z_lens_closed_form,
    z_s2xs1,
    z_surface_times_circle,
)
from .core import CheckResult, Domain, integer, registrar

__all__: list[str] = []

MAX_GENUS_CHECKED = 5


def _lens(t: tuple[int, ...]) -> bool:
    _, p, q = t
    return q < p and math.gcd(p, q) == 1


_LEVEL = Domain((integer("k", 1),))
_LENS = Domain((integer("k", 1), integer("p", 1), integer("q", 0)), where=_lens)
_LEVEL_GENUS = Domain((integer("k", 1), integer("g", 0, MAX_GENUS_CHECKED)))

_register = registrar(default_max_spin=4, random_max_spin=8, tags=("reshetikhin-turaev", "SU(2)_k"), domain=_LENS)
# the closed forms work in Q(zeta_(8rp)); a smaller default sweep keeps them quick
# identities over the level alone: k = 1..12 by default (at least ten cases)
_register_levels = registrar(default_max_spin=6, random_max_spin=10, tags=("reshetikhin-turaev", "SU(2)_k"))
_register_small = registrar(default_max_spin=3, random_max_spin=4, tags=("reshetikhin-turaev", "SU(2)_k"), domain=_LENS)


# --- presentations of one lens space -------------------------------------------------------


def _expansions(p: int, q: int) -> list[tuple[int, ...]]:
    """Several chains for ``L(p, q)``: the negative-definite one ``(a, R...)`` and, from it,
    a zero split ``(a + 1, 0, -1, R...)`` (``[x, 0, y, R] = [x + y, R]``), blow-ups
    ``(a, b) -> (a +- 1, +-1, b +- 1)`` and ``a -> (a +- 1, +-1)`` at the end."""
    base = lens_chain(p, q)
    first, rest = base[0], base[1:]
    out = [base, (first + 1, 0, -1, *rest), (*base[:-1], base[-1] + 1, 1), (*base[:-1], base[-1] - 1, -1)]
    if rest:
        out += [(first + 1, 1, rest[0] + 1, *rest[1:]), (first - 1, -1, rest[0] - 1, *rest[1:])]
    return out


def _chain_matrix(framings: tuple[int, ...]) -> tuple[tuple[int, int], tuple[int, int]]:
    """``S T^(a_1) S ... S T^(a_m) S`` as an integer matrix."""
    word = [("S", 1)]
    for a in framings:
        word += [("T", a), ("S", 1)]
    return sl2z_matrix(word)


def _expansion_independence(k: int, p: int, q: int) -> CheckResult:
    z = z_lens(p, q, k)
    lhs: list[object] = []
    rhs: list[object] = []
    for chain in _expansions(p, q):
        b_plus, b_minus, _ = linking_signature(chain, [(i, i + 1) for i in range(len(chain) - 1)])
        lhs += [chain_lens_space(chain), z_chain(chain, k), rademacher_phi(_chain_matrix(chain))]
        rhs += [(p, q), z, sum(chain) - 3 * (b_plus - b_minus)]
    (a, b), (c, d) = lens_gluing_matrix(p, q)
    for m, n in ((1, 0), (0, -2), (3, 5)):  # T^m U T^n
        u = ((a + m * c, b + m * d + n * (a + m * c)), (c, d + n * c))
        lhs += [z_heegaard(u, k), z_heegaard(((-u[0][0], -u[0][1]), (-u[1][0], -u[1][1])), k)]
        rhs += [z, z]
    return CheckResult(lhs == rhs, tuple(lhs), tuple(rhs))


_register(
    "rt_lens_expansion_independence",
    "RT: Z(L(p,q)) is independent of the surgery chain and of the gluing matrix in T^Z U T^Z",
    r"\frac{\sum_{a} \prod_i d_{a_i}\theta_{a_i}^{n_i}\langle L(a)\rangle}{D^{1+m} e^{2\pi i c\sigma/8}}"
    r" = Z(L(p,q)) = e^{2\pi i c\,\Phi(U')/24}\rho(U')_{00}\ (U' \in \pm T^{\mathbb{Z}} U T^{\mathbb{Z}}),\ "
    r"\Phi(S T^{n_1} S \cdots T^{n_m} S) = \textstyle\sum n_i - 3\sigma",
    _expansion_independence,
    "Kirby-Melvin, Invent. Math. 105 (1991); Jeffrey, CMP 147 (1992); Gompf-Stipsicz sec. 5.3",
)


def _homeomorphism(k: int, p: int, q: int) -> CheckResult:
    z = z_lens(p, q, k)
    qs = pow(q, -1, p) if p > 1 else 0
    lhs = [z_lens(p, qs, k), z_lens(p, -q, k), z_lens(p, -qs, k)]
    rhs = [z, z.conjugate(), z.conjugate()]
    lhs += [abs_squared(x) for x in lhs[:3]]
    rhs += [abs_squared(z)] * 3
    return CheckResult(lhs == rhs, tuple(lhs), tuple(rhs))


_register(
    "rt_lens_homeomorphism",
    "RT: Z(L(p,q*)) = Z(L(p,q)) and Z(L(p,-q)) = conj Z(L(p,q)) (q q* = 1 mod p)",
    r"Z(L(p,q^{*})) = Z(L(p,q)),\ \ Z(L(p,-q)) = \overline{Z(L(p,q))},\ \ "
    r"|Z(L(p,\pm q^{\pm 1}))|^2 = |Z(L(p,q))|^2",
    _homeomorphism,
    "Reidemeister-Brody classification of lens spaces; Jeffrey, CMP 147 (1992)",
)


def _closed_form(k: int, p: int, q: int) -> CheckResult:
    lhs = z_lens_closed_form(p, q, k)
    rhs = z_lens(p, q, k)
    return CheckResult(lhs == rhs, lhs, rhs)


_register_small(
    "rt_lens_closed_form",
    "RT: Jeffrey's Gauss-sum closed form for Z(L(p,q)) equals the SL(2,Z) route",
    r"\frac{i}{\sqrt{2rp}} e^{6\pi i s(q,p)/r} \sum_{\epsilon=\pm1} \epsilon\, e^{-i\pi\epsilon/(rp)}"
    r"\sum_{n=0}^{p-1} e^{2\pi i n (q^{*} r n + \epsilon q^{*} - 1)/p} = e^{2\pi i c\,\Phi(U)/24}\rho(U)_{00}",
    _closed_form,
    "Jeffrey, CMP 147 (1992); Freed-Gompf, CMP 141 (1991)",
)


def _sl2z_closed_form(k: int, p: int, q: int) -> CheckResult:
    u = lens_gluing_matrix(p, q)
    lhs = rho_closed_form(u, k)
    rhs = rho(sl2z_word(u), k)
    return CheckResult(lhs == rhs, lhs, rhs)


_register_small(
    "rt_sl2z_closed_form",
    "RT: Jeffrey's Gauss sum for rho(U) equals rho of Euclid's word in S and T",
    r"\rho(U)_{\alpha\beta} = \frac{i\,\mathrm{sign}(c)}{\sqrt{2r|c|}} e^{-i\pi\Phi(U)/4}"
    r"\sum_{\pm}\sum_{n \bmod c} \pm\, e^{\frac{i\pi}{2rc}[a\alpha^2 - 2\alpha(\pm\beta + 2rn) + d(\pm\beta+2rn)^2]}",
    _sl2z_closed_form,
    "Jeffrey, CMP 147 (1992)",
)


def _sl2z_relations(k: int) -> CheckResult:
    md = modular_data(k)
    s, t = rho("S", k), rho("T", k)
    s2 = s @ s
    st = s @ t
    s_theta = rho("S T", k, normalisation="twist")
    lhs: list[object] = [s2, st @ st @ st, s2 @ s2, s_theta @ s_theta @ s_theta]
    rhs: list[object] = [md.C, s2.scale(md.st_phase("cft")), ExactMatrix.identity(md.rank, md.field.zero, md.field.one)]
    rhs.append(s2.scale(md.st_phase("twist")))
    for p, q in ((5, 2), (7, 3), (12, 5)):
        u = lens_gluing_matrix(p, q)
        chain = [("S", 1)]
        for a in lens_chain(p, q):
            chain += [("T", a), ("S", 1)]
        lhs += [rho(chain, k), sl2z_matrix(chain) in (u, tuple(tuple(-x for x in row) for row in u))]
        rhs += [rho(u, k), True]
    return CheckResult(lhs == rhs, tuple(lhs), tuple(rhs))


_register_levels(
    "rt_sl2z_relations",
    "RT: rho(S) = S, rho(T) = T is a linear representation of SL(2,Z) (two words, one matrix)",
    r"S^2 = C,\ (ST)^3 = S^2,\ S^4 = 1,\ (S\Theta)^3 = e^{2\pi i c/8} S^2,\ "
    r"\rho(S T^{-b_1} S \cdots S) = \rho(\text{Euclid word of } U)",
    _sl2z_relations,
    "Jeffrey, CMP 147 (1992); Bakalov-Kirillov Thm. 3.1.17",
    domain=_LEVEL,
)


def _fusion_count(k: int, g: int) -> int:
    """``Tr(Omega^(g-1))``, ``Omega = sum_a N_a^2``, from the truncated Clebsch-Gordan rule."""
    md = modular_data(k)
    omega = ExactMatrix.zeros(md.rank, md.rank, 0, 1)
    for a in md.labels:
        n_a = md.fusion_matrix(a, method="rule")
        omega = omega + n_a @ n_a
    return int((omega ** (g - 1)).trace())


def _surface_times_circle(k: int, g: int) -> CheckResult:
    z = z_surface_times_circle(g, k)
    lhs: list[object] = [z, z]
    rhs: list[object] = [verlinde_dimension_closed_form(k, g), z_s2xs1(k) if g == 0 else k + 1 if g == 1 else z]
    if g >= 1:
        lhs.append(z)
        rhs.append(_fusion_count(k, g))
    return CheckResult(lhs == rhs, tuple(lhs), tuple(rhs))


_register(
    "rt_surface_times_circle",
    "RT: Z(Sigma_g x S^1) = dim V(Sigma_g), the Verlinde number",
    r"Z(\Sigma_g\times S^1) = \sum_a S_{0a}^{2-2g} = \mathrm{Tr}\big((\textstyle\sum_a N_a^2)^{g-1}\big),"
    r"\ Z(S^2\times S^1) = 1,\ Z(T^3) = k+1",
    _surface_times_circle,
    "Witten, CMP 121 (1989); Verlinde 1988; Szenes alg-geom/9402003 (1.1)",
    domain=_LEVEL_GENUS,
)
