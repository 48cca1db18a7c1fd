"""Rendering of SU(2)_k modular data: closed forms for S, T and d_a, text, LaTeX and JSON.

Split from :mod:`tqft.algebra.modular` (which computes the data exactly); every closed form
printed here is the same number as the field element it labels (tested).
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

from ..exact.cyclotomic import Cyclotomic
from .modular import ModularData, _check_int, modular_data

__all__ = ["format_modular", "modular_to_json"]


def modular_to_json(data: ModularData, digits: int | None = None) -> dict[str, Any]:
    """The dict behind :meth:`ModularData.to_json` (closed forms, field elements, decimals)."""
    digits = None if digits is None else _check_int(digits, "digits", 1)

    def entry(exact: str, x: Cyclotomic) -> dict[str, Any]:
        out: dict[str, Any] = {"exact": exact, "cyclotomic": str(x)}
        if digits is not None:
            out["value"] = _decimal(x, digits)
        return out

    return {
        "group": "SU(2)",
        "level": data.k,
        "labels": list(data.labels),
        "label_convention": "colour a = 2j",
        "q": f"exp(i pi/{data.r})",
        "field": {
            "conductor": data.conductor,
            "embedding": f"zeta_{data.conductor} -> exp(2 pi i/{data.conductor})",
        },
        "central_charge": str(data.central_charge),
        "conformal_weights": [str(data.conformal_weight(a)) for a in data.labels],
        "S": [
            [entry(_s_closed_form(data.r, a, b), data._s_value((a + 1) * (b + 1))) for b in data.labels]
            for a in data.labels
        ],
        "T": [entry(_t_closed_form(data.k, a), data.T[a, a]) for a in data.labels],
        "quantum_dimensions": [entry(_d_closed_form(data.r, a), data.quantum_dimension(a)) for a in data.labels],
        "total_dimension_squared": entry(f"{data.r}/(2*sin(pi/{data.r})**2)", data.total_dimension_squared),
        "st_phase": {"cft": "1", "twist": f"exp(2*pi*I*({Fraction(3 * data.k, 8 * data.r)}))"},
    }


def _sin_form(m: int, r: int) -> tuple[int, int]:
    """``sin(pi m / r) = sign * sin(pi m0 / r)`` with ``0 <= m0 <= r/2``: returns ``(sign, m0)``."""
    m %= 2 * r
    sign = 1
    if m >= r:
        m, sign = m - r, -1
    if 2 * m > r:
        m = r - m
    return (sign if m else 0), m


def _pi_frac(m: int, r: int, latex: bool = False) -> str:
    f = Fraction(m, r)
    num = "" if f.numerator == 1 else str(f.numerator)
    if latex:
        return f"\\tfrac{{{num}\\pi}}{{{f.denominator}}}" if f.denominator != 1 else f"{num}\\pi"
    num = num + "*" if num else ""
    return f"{num}pi/{f.denominator}" if f.denominator != 1 else f"{num}pi"


#: sin(pi x)^2 for the x in [0, 1/2] where it is rational (Niven's theorem: no others)
_RATIONAL_SIN2 = {
    Fraction(1, 6): Fraction(1, 4),
    Fraction(1, 4): Fraction(1, 2),
    Fraction(1, 3): Fraction(3, 4),
    Fraction(1, 2): Fraction(1),
}


def _sqrt_str(f: Fraction, latex: bool = False) -> str:
    """``sqrt(f)`` for a positive rational, as a rational when it is one."""
    p, q = math.isqrt(f.numerator), math.isqrt(f.denominator)
    if p * p == f.numerator and q * q == f.denominator:
        root = Fraction(p, q)
        if latex and root.denominator != 1:
            return f"\\tfrac{{{root.numerator}}}{{{root.denominator}}}"
        return str(root)
    if latex:
        return f"\\sqrt{{\\tfrac{{{f.numerator}}}{{{f.denominator}}}}}" if f.denominator != 1 else f"\\sqrt{{{f}}}"
    return f"sqrt({f})"


def _s_closed_form(r: int, a: int, b: int, latex: bool = False) -> str:
    """``S_ab`` as ``sqrt(2/r) sin(pi m/r)``, ``0 < m <= r/2``, or ``sqrt(x)`` when ``sin^2`` is rational."""
    sign, m = _sin_form((a + 1) * (b + 1), r)
    if sign == 0:
        return "0"
    sin2 = _RATIONAL_SIN2.get(Fraction(m, r))
    if sin2 is not None:
        body = _sqrt_str(Fraction(2, r) * sin2, latex)
    elif latex:
        body = f"{_sqrt_str(Fraction(2, r), True)}\\sin{_pi_frac(m, r, True)}"
    else:
        body = f"{_sqrt_str(Fraction(2, r))}*sin({_pi_frac(m, r)})"
    return body if sign > 0 else "-" + body


def _t_closed_form(k: int, a: int, latex: bool = False) -> str:
    f = Fraction(2 * a * (a + 2) - k, 8 * (k + 2))
    if latex:
        return f"e^{{2\\pi i \\cdot ({f})}}"
    return f"exp(2*pi*I*({f}))"


def _d_closed_form(r: int, a: int) -> str:
    return f"sin({_pi_frac(a + 1, r)})/sin({_pi_frac(1, r)})"


def _decimal(x: Cyclotomic, digits: int) -> str:
    return x.decimal(digits)


def format_modular(k: int, digits: int | None = None, latex: bool = False) -> str:
    """S and T of SU(2)_k as text (or LaTeX), exactly, plus decimals with ``digits``.

    The exact entries are closed forms in sympy syntax, ``S_ab = sqrt(2/r)*sin(m*pi/r)``
    with ``m`` reduced to ``0 < m <= r/2`` (a plain square root where ``sin^2`` is rational)
    and ``T_aa = exp(2*pi*I*(h_a - c/24))``; each is the same number as the field element
    in :attr:`ModularData.S` / :attr:`ModularData.T` (tested).  Decimals come from those
    exact elements through the embedding.

    Parameters
    ----------
    k : int
        The level.
    digits : int, optional
        Significant digits of the decimal rendering (omitted when ``None``).
    latex : bool
        Return LaTeX (``pmatrix``) instead of text.

    Raises
    ------
    InvalidArgumentError, CostLimitError
        as :func:`modular_data`; ``digits`` must be a positive integer.

    Examples
    --------
    >>> print(format_modular(1, digits=4))
    SU(2)_1 modular data: q = exp(i pi/3), labels a = 2j = 0..1, c = 1, exact in Q(zeta_24)
    S_ab = sqrt(2/3)*sin(pi*(a+1)*(b+1)/3):
    [ sqrt(1/2)   sqrt(1/2)]
    [ sqrt(1/2)  -sqrt(1/2)]
    T_aa = exp(2*pi*I*(h_a - c/24)), h_a = a*(a+2)/(4*(k+2)):
    [exp(2*pi*I*(-1/24))                    0]
    [                  0   exp(2*pi*I*(5/24))]
    S (decimal, 4 digits):
    [ 0.7071   0.7071]
    [ 0.7071  -0.7071]
    T (decimal, 4 digits):
    [0.9659 - 0.2588i                 0]
    [               0  0.2588 + 0.9659i]
    """
    md = modular_data(k)
    digits = None if digits is None else _check_int(digits, "digits", 1)
    r, n = md.r, md.rank
    s_exact = [[_s_closed_form(r, a, b, latex) for b in range(n)] for a in range(n)]
    t_exact = [[_t_closed_form(md.k, a, latex) if a == b else "0" for b in range(n)] for a in range(n)]
    if latex:
        out = [
            f"\\mathrm{{SU}}(2)_{{{md.k}}}:\\ q = e^{{i\\pi/{r}}},\\ c = {md.central_charge}",
            "S = " + _latex_matrix(s_exact),
            "T = " + _latex_matrix(t_exact),
        ]
        if digits is not None:
            out.append(
                "S \\approx " + _latex_matrix([[_decimal(md.S[a, b], digits) for b in range(n)] for a in range(n)])
            )
            out.append(
                "T \\approx " + _latex_matrix([[_decimal(md.T[a, b], digits) for b in range(n)] for a in range(n)])
            )
        return "\n".join(out)
    out = [
        f"SU(2)_{md.k} modular data: q = exp(i pi/{r}), labels a = 2j = 0..{md.k}, c = {md.central_charge}, "
        f"exact in Q(zeta_{md.conductor})",
        f"S_ab = sqrt(2/{r})*sin(pi*(a+1)*(b+1)/{r}):",
        _text_matrix(s_exact),
        "T_aa = exp(2*pi*I*(h_a - c/24)), h_a = a*(a+2)/(4*(k+2)):",
        _text_matrix(t_exact),
    ]
    if digits is not None:
        out += [
            f"S (decimal, {digits} digits):",
            _text_matrix([[_decimal(md.S[a, b], digits) for b in range(n)] for a in range(n)]),
            f"T (decimal, {digits} digits):",
            _text_matrix([[_decimal(md.T[a, b], digits) for b in range(n)] for a in range(n)]),
        ]
    return "\n".join(out)


def _text_matrix(cells: list[list[str]]) -> str:
    width = max(len(c) for row in cells for c in row)
    return "\n".join("[" + "  ".join(c.rjust(width) for c in row) + "]" for row in cells)


def _latex_matrix(cells: list[list[str]]) -> str:
    return "\\begin{pmatrix}" + " \\\\ ".join(" & ".join(row) for row in cells) + "\\end{pmatrix}"
