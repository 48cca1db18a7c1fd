"""The closed forms of :mod:`tqft.symbolic.closed_forms` as a rewrite of the engine.

A 6j symbol matches when one of its symmetric images reads ``{a b c; k, c + d2, b + d1}``
with ``k`` in ``{1/2, 1, 3/2, 2}`` and numeric offsets ``d1, d2`` (``|d| <= k``, ``d - k``
integral); a 3j symbol when an image (with its phase) reads ``(j + d, j, k; m, -m - mu, mu)``.
The rewrite substitutes the image's entries into the derived closed form and records the
family and the conditions under which the table form holds.
"""

from __future__ import annotations

import sympy

from .closed_forms import SMALL_SPINS, sixj_closed_form, threej_closed_form
from .functions import SixJ, ThreeJ
from .patterns import images, normal_phase, same
from .rules import Rewrite

__all__ = ["rewrite_small_spin"]


def _offset(value: sympy.Basic, k: sympy.Rational) -> sympy.Rational | None:
    value = sympy.expand(value)
    if not value.is_Rational or abs(value) > k or not (value - k).is_integer:
        return None
    return sympy.Rational(value)


def rewrite_small_spin(node: sympy.Basic) -> Rewrite | None:
    """The closed-form rewrite of a 3j or 6j symbol with one small numeric spin, or None."""
    if isinstance(node, SixJ) and not node.quantum:
        for args, _ in images(node):
            k = args[3]
            if k not in SMALL_SPINS or not all(a.free_symbols for a in (args[0], args[1], args[2])):
                continue
            a, b, c, _k, e, f = args
            d1, d2 = _offset(f - b, k), _offset(e - c, k)
            if d1 is None or d2 is None:
                continue
            form = sixj_closed_form(k, d1, d2)
            with sympy.evaluate(False):  # keep the table layout (one root) while renaming
                value = form.value.xreplace(dict(zip(form.free, (a, b, c))))
            title = f"6j symbol with a spin {k}: closed form derived from Racah's formula"
            note = "valid where " + "; ".join(form.conditions)
            return Rewrite(
                node, value, "sixj_small_spin_closed_form", title, form.latex(), (("a", a), ("b", b), ("c", c)), note
            )
    if isinstance(node, ThreeJ) and not node.quantum:
        for args, phase in images(node):
            k, mu = args[2], args[5]
            if k not in SMALL_SPINS or not mu.is_Rational or abs(mu) > k or not (mu - k).is_integer:
                continue
            j1, j, _k, m, m2, _mu = args
            d = _offset(j1 - j, k)
            if d is None or not same(m2, -m - mu) or not j.free_symbols:
                continue
            form = threej_closed_form(k, d, mu)
            with sympy.evaluate(False):
                value = form.value.xreplace(dict(zip(form.free, (j, m))))
            if phase != 0:
                value = (-1) ** normal_phase(phase) * value
            title = f"3j symbol with a spin {k}: closed form derived from Racah's formula"
            note = "valid where " + "; ".join(form.conditions)
            return Rewrite(
                node, value, "threej_small_spin_closed_form", title, form.latex(), (("j", j), ("m", m)), note
            )
    return None
