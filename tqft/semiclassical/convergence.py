"""Convergence studies: exact recoupling values against their asymptotic formulas.

The families (a formula, a base point and its scaling ``j -> lambda j``) are defined in
:mod:`tqft.semiclassical.families`.  Exact values become numbers only through
``to_mpmath`` of the exact result, at the scan's precision ``dps`` (default 30 digits);
the formulas are evaluated at the same precision.

The error measure
-----------------
For an oscillating formula ``f = A cos(Phi)`` the pointwise relative error
``|exact/f - 1|`` is useless near the zeros of the cosine, and ``|exact - f| / A`` still
oscillates between near zero and its envelope.  The default measure, ``"quadrature"``,
fits the exact values at the ``window`` consecutive members ``lambda, lambda + 1, ...`` to
``A_k (alpha cos Phi_k + beta sin Phi_k)`` by least squares (``A_k``, ``Phi_k`` from the
formula) and reports

.. math:: \\varepsilon(\\lambda) = |(\\alpha - 1) + i \\beta| ,

the relative error of the complex amplitude ``A e^{i Phi}``: the formula's amplitude and
phase errors (``alpha - 1`` and, to first order, ``beta``), with no dependence on where the
cosine happens to vanish.  If the window's phases are degenerate (the members all have
the same phase modulo ``pi``, so the fit is ill-conditioned) the measure falls back to the
window's RMS relative error ``sqrt(sum (y - f)^2 / sum f^2)``, and the row says so.  Other
measures: ``"envelope"`` ``|y - f| / |A|``, ``"relative"`` ``|y / f - 1|`` (the default for
formulas that do not oscillate), ``"rms"``.

Fitting the exponent
--------------------
:func:`fit_exponent` fits ``log eps = a + p log lambda + sum_{k=1}^{K} b_k lambda^{-k}`` by
ordinary least squares (``K = 2`` by default: the asymptotic series are in integer powers
of ``1/lambda``, so the corrections to a power law are ``lambda^-1, lambda^-2, ...``).  The
uncertainty of ``p`` combines its statistical standard error ``sqrt(s^2 (X^T X)^{-1}_pp)``
(``s^2`` the residual variance) with the shift of ``p`` between the fits with ``K`` and
``K - 1`` corrections -- the residuals are systematic, not random, so the model's
truncation must be part of the error bar (this estimate is conservative).  The registered
identities accept the theoretical exponent when it lies within :data:`SIGMAS` of these
uncertainties.

Long scans show a tqdm bar, run over any :class:`concurrent.futures.Executor` (``jobs=N``
for a local process pool), and return what was computed when interrupted (Ctrl-C).
"""

from __future__ import annotations

import concurrent.futures as cf
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import mpmath
import numpy as np

from ..errors import InvalidArgumentError
from .asymptotics import Oscillation
from .families import FORMULAS, Family, family

__all__ = [
    "ERRORS",
    "FORMULAS",
    "SIGMAS",
    "ConvergenceResult",
    "ExponentFit",
    "Family",
    "Row",
    "family",
    "fit_exponent",
    "parse_scale",
    "plot",
    "scan",
]

#: the accepted deviation of a fitted exponent from theory, in standard errors of the fit
SIGMAS = 3
#: error measures (module docstring)
ERRORS = ("quadrature", "envelope", "relative", "rms")


# --- scales -------------------------------------------------------------------------------


def parse_scale(text: str | Sequence[int]) -> list[int]:
    """Scales from ``"start:stop:count"`` (``count`` integers spaced evenly in ``log``,
    both ends included, duplicates removed), a comma list ``"10,20,40"``, or a sequence.

    >>> parse_scale("10:10000:4")
    [10, 100, 1000, 10000]
    >>> parse_scale("10:5:3")
    Traceback (most recent call last):
        ...
    tqft.errors.InvalidArgumentError: scale = '10:5:3': need 1 <= start < stop and count >= 2, e.g. 10:10000:30
    """
    if not isinstance(text, str):
        values = list(text)
        if not values or any(not isinstance(v, int) or isinstance(v, bool) or v < 1 for v in values):
            raise InvalidArgumentError(f"scale = {values!r} must be positive integers")
        return sorted(set(values))
    raw = text.strip()
    if ":" in raw:
        parts = raw.split(":")
        try:
            start, stop, count = (int(x) for x in parts)
        except ValueError:
            raise InvalidArgumentError(
                f"scale = {text!r} must be start:stop:count with integers, e.g. 10:10000:30"
            ) from None
        if len(parts) != 3 or not (1 <= start < stop) or count < 2:
            raise InvalidArgumentError(f"scale = {text!r}: need 1 <= start < stop and count >= 2, e.g. 10:10000:30")
        ratio = math.log(stop / start)
        points = {round(start * math.exp(ratio * k / (count - 1))) for k in range(count)}
        return sorted(points | {start, stop})
    try:
        values = [int(x) for x in raw.split(",") if x.strip()]
    except ValueError:
        raise InvalidArgumentError(f"scale = {text!r} must be start:stop:count or comma-separated integers") from None
    return parse_scale(values)


# --- one point ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One scale of a scan: the exact value and the formula at ``scale`` (the first member
    of the window), the error measure and how it was obtained."""

    scale: int
    exact: Any
    approx: Any
    error: Any
    method: str


def _value(x: Any) -> Any:
    return x.value() if isinstance(x, Oscillation) else x


def _point(fam: Family, lam: int, window: int, error: str, dps: int) -> Row:
    with mpmath.workdps(dps):
        size = window if error in ("quadrature", "rms") else 1
        ys = [fam.exact(lam + k, dps) for k in range(size)]
        fs = [fam.approx(lam + k, dps) for k in range(size)]
        y0, f0 = ys[0], _value(fs[0])
        method = error
        if error == "relative":
            err = abs(y0 / f0 - 1) if f0 else mpmath.inf
        elif error == "envelope":
            amp = fs[0].amplitude if isinstance(fs[0], Oscillation) else f0
            err = abs(y0 - f0) / abs(amp)
        else:
            err, method = _window_error(ys, fs, error)
        return Row(lam, +y0, +f0, +err, method)


def _window_error(ys: list[Any], fs: list[Any], error: str) -> tuple[Any, str]:
    if error == "quadrature" and all(isinstance(f, Oscillation) for f in fs):
        rows = [(mpmath.cos(f.phase), mpmath.sin(f.phase)) for f in fs]
        targets = [y / f.amplitude for y, f in zip(ys, fs)]
        s_cc = mpmath.fsum(c * c for c, _ in rows)
        s_ss = mpmath.fsum(s * s for _, s in rows)
        s_cs = mpmath.fsum(c * s for c, s in rows)
        det = s_cc * s_ss - s_cs * s_cs
        trace = s_cc + s_ss
        # condition: smallest/largest eigenvalue of the 2x2 normal matrix
        if det > trace * trace * mpmath.mpf("1e-8"):
            t_c = mpmath.fsum(t * c for t, (c, _) in zip(targets, rows))
            t_s = mpmath.fsum(t * s for t, (_, s) in zip(targets, rows))
            alpha = (s_ss * t_c - s_cs * t_s) / det
            beta = (s_cc * t_s - s_cs * t_c) / det
            return mpmath.sqrt((alpha - 1) ** 2 + beta**2), "quadrature"
        error = "rms (degenerate phases)"
    vals = [_value(f) for f in fs]
    num = mpmath.fsum((y - f) ** 2 for y, f in zip(ys, vals))
    den = mpmath.fsum(f * f for f in vals)
    return (mpmath.sqrt(num / den) if den else mpmath.inf), ("rms" if error == "quadrature" else error)


# --- fitting ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExponentFit:
    """Least-squares fit of ``log eps = a + p log lambda + sum_{k<=K} b_k lambda^-k``.

    ``stderr`` combines the statistical standard error of ``p`` (``stat_stderr``) with the
    change of ``p`` when the last correction term is dropped (``model_stderr``, a
    conservative estimate of the truncation error of the model):
    ``stderr = sqrt(stat^2 + model^2)``.
    """

    exponent: float
    stderr: float
    stat_stderr: float
    model_stderr: float
    prefactor: float
    corrections: tuple[float, ...]
    points: int
    residual_rms: float

    def agrees_with(self, expected: float, sigmas: float = SIGMAS) -> bool:
        """``|exponent - expected| <= sigmas * stderr``."""
        return abs(self.exponent - expected) <= sigmas * self.stderr

    def __str__(self) -> str:
        return f"{self.exponent:.4f} +- {self.stderr:.4f}"


def _ols(lam: np.ndarray, y: np.ndarray, corrections: int) -> tuple[np.ndarray, float, np.ndarray]:
    cols = [np.ones_like(lam), np.log(lam)] + [lam ** (-i) for i in range(1, corrections + 1)]
    x = np.stack(cols, axis=1)
    coef, *_ = np.linalg.lstsq(x, y, rcond=None)
    resid = y - x @ coef
    dof = len(y) - x.shape[1]
    s2 = float(resid @ resid) / dof
    se = math.sqrt(max(float(s2 * np.linalg.inv(x.T @ x)[1, 1]), 0.0))
    return coef, se, resid


def fit_exponent(scales: Sequence[float], errors: Sequence[Any], corrections: int = 2) -> ExponentFit:
    """Fit the decay exponent of ``errors`` against ``scales`` (module docstring).

    The model has ``corrections`` terms ``b_k lambda^-k`` (default 2).  The uncertainty adds
    the statistical standard error and the shift of the exponent between the fits with
    ``corrections`` and ``corrections - 1`` terms (with ``corrections = 0``: and 1 term).
    Points with a zero or infinite error are left out.  Raises
    :class:`~tqft.errors.InvalidArgumentError` if fewer than ``corrections + 3`` points remain
    (the fit needs a residual degree of freedom).

    >>> xs = [10, 20, 40, 80, 160, 320]
    >>> fit = fit_exponent(xs, [3 / x + 1 / x**2 for x in xs])
    >>> round(fit.exponent, 3), fit.stderr < 1e-3
    (-1.0, True)
    """
    if not isinstance(corrections, int) or isinstance(corrections, bool) or corrections < 0:
        raise InvalidArgumentError(f"corrections = {corrections!r} must be a non-negative integer")
    pts = [(float(s), float(e)) for s, e in zip(scales, errors) if e is not None and 0 < float(e) < math.inf]
    k = 2 + corrections
    if len(pts) < k + 1:
        raise InvalidArgumentError(
            f"an exponent fit with {corrections} correction term(s) needs at least {k + 1} points with a finite, "
            f"non-zero error; got {len(pts)}"
        )
    lam = np.array([p[0] for p in pts])
    y = np.log(np.array([p[1] for p in pts]))
    coef, stat, resid = _ols(lam, y, corrections)
    if corrections > 0:
        other, *_ = _ols(lam, y, corrections - 1)
    elif len(pts) >= k + 2:
        other, *_ = _ols(lam, y, corrections + 1)
    else:
        other = coef
    model = abs(float(other[1]) - float(coef[1]))
    return ExponentFit(
        exponent=float(coef[1]),
        stderr=math.hypot(stat, model),
        stat_stderr=stat,
        model_stderr=model,
        prefactor=float(math.exp(coef[0])),
        corrections=tuple(float(c) for c in coef[2:]),
        points=len(pts),
        residual_rms=float(math.sqrt(float(resid @ resid) / len(pts))),
    )


# --- scans ---------------------------------------------------------------------------------


@dataclass
class ConvergenceResult:
    """The rows of a scan, the fitted exponent and what theory expects."""

    family: Family
    rows: list[Row]
    fit: ExponentFit | None
    error: str
    window: int
    dps: int
    seconds: float
    interrupted: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def expected(self) -> int:
        return self.family.expected_exponent()

    def agrees(self, sigmas: float = SIGMAS) -> bool:
        """True when the fit exists and contains the expected exponent within ``sigmas``."""
        return self.fit is not None and self.fit.agrees_with(self.expected, sigmas)

    def table(self, digits: int = 10) -> str:
        """A plain-text table of the rows and the fit."""
        head = f"{'lambda':>8}  {'exact':>{digits + 8}}  {'formula':>{digits + 8}}  {'error':>12}  method"
        lines = [f"# {self.family.describe()}  ({self.family.info.title}; error: {self.error})", head]
        for r in self.rows:
            lines.append(
                f"{r.scale:>8}  {mpmath.nstr(r.exact, digits):>{digits + 8}}  "
                f"{mpmath.nstr(r.approx, digits):>{digits + 8}}  {mpmath.nstr(r.error, 4):>12}  {r.method}"
            )
        if self.fit is not None:
            verdict = "agrees" if self.agrees() else "DISAGREES"
            lines.append(
                f"fitted exponent {self.fit} (prefactor {self.fit.prefactor:.4g}, {self.fit.points} points); "
                f"theory {self.expected}: {verdict} within {SIGMAS} standard errors"
            )
        for note in self.notes:
            lines.append(f"note: {note}")
        if self.interrupted:
            lines.append("interrupted: partial results")
        return "\n".join(lines)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready summary (numbers as strings with 20 significant digits)."""

        def s(x: Any) -> str:
            return mpmath.nstr(x, 20)

        return {
            "family": {
                "formula": self.family.formula,
                "params": [str(p) for p in self.family.params],
                "r0": self.family.r0,
            },
            "error_measure": self.error,
            "window": self.window,
            "dps": self.dps,
            "rows": [
                {"scale": r.scale, "exact": s(r.exact), "formula": s(r.approx), "error": s(r.error), "method": r.method}
                for r in self.rows
            ],
            "fit": None
            if self.fit is None
            else {
                "exponent": self.fit.exponent,
                "stderr": self.fit.stderr,
                "stat_stderr": self.fit.stat_stderr,
                "model_stderr": self.fit.model_stderr,
                "prefactor": self.fit.prefactor,
                "corrections": list(self.fit.corrections),
                "points": self.fit.points,
                "residual_rms": self.fit.residual_rms,
            },
            "expected_exponent": self.expected,
            "agrees": self.agrees(),
            "seconds": round(self.seconds, 3),
            "interrupted": self.interrupted,
            "notes": list(self.notes),
        }


def scan(
    fam: Family,
    scales: str | Sequence[int],
    *,
    error: str | None = None,
    window: int = 4,
    dps: int = 30,
    corrections: int = 2,
    jobs: int = 1,
    executor: cf.Executor | None = None,
    progress: bool = True,
) -> ConvergenceResult:
    """Compare exact values with the family's formula at every scale and fit the exponent.

    Parameters
    ----------
    fam
        A :class:`Family` (from :func:`family`).
    scales
        Integers or a spec for :func:`parse_scale` such as ``"10:10000:30"``.
    error
        Error measure (:data:`ERRORS`); default ``"quadrature"`` for oscillating formulas,
        ``"relative"`` otherwise.
    window
        Members per scale for the window measures (at least 2; default 4).
    dps
        Decimal digits of every mpmath evaluation (default 30).
    corrections
        Correction terms ``lambda^-k`` in the exponent fit (default 2).
    jobs, executor
        ``jobs > 1`` runs the scales on a local process pool; any
        :class:`concurrent.futures.Executor` can be passed instead (e.g. a dask client's
        ``get_executor()``).
    progress
        Show a tqdm bar.

    Returns
    -------
    ConvergenceResult
        Rows in increasing scale; on Ctrl-C the rows computed so far with ``interrupted``.

    Examples
    --------
    >>> res = scan(family("ponzano-regge", 1, 1, 1, 1, 1, 1), "10:160:5", progress=False)
    >>> [r.scale for r in res.rows]
    [10, 20, 40, 80, 160]
    >>> res.agrees()
    True
    """
    info = fam.info
    if error is None:
        error = "quadrature" if info.oscillating else "relative"
    if error not in ERRORS:
        raise InvalidArgumentError(f"error = {error!r} must be one of {', '.join(ERRORS)}")
    if error in ("quadrature", "envelope") and not info.oscillating:
        raise InvalidArgumentError(
            f"error = {error!r} needs an oscillating formula; {fam.formula!r} does not oscillate (use 'relative')"
        )
    if not isinstance(window, int) or isinstance(window, bool) or window < 2:
        raise InvalidArgumentError(f"window = {window!r} must be an integer >= 2")
    if not isinstance(dps, int) or isinstance(dps, bool) or dps < 10:
        raise InvalidArgumentError(f"dps = {dps!r} must be an integer >= 10")
    if not isinstance(jobs, int) or isinstance(jobs, bool) or jobs < 1:
        raise InvalidArgumentError(f"jobs = {jobs!r} must be a positive integer")
    lams = parse_scale(scales)
    size = window if error in ("quadrature", "rms") else 1
    for lam in lams:
        fam.check_scale(lam, size)

    from tqdm.auto import tqdm

    start = time.perf_counter()
    rows: dict[int, Row] = {}
    interrupted = False
    bar = tqdm(total=len(lams), desc=f"{fam.formula} scan", unit="scale", disable=not progress, leave=False)
    own = executor is None and jobs > 1
    pool = cf.ProcessPoolExecutor(max_workers=jobs) if own else executor
    try:
        if pool is None:
            for lam in lams:
                rows[lam] = _point(fam, lam, window, error, dps)
                bar.update()
        else:
            futures = {pool.submit(_point, fam, lam, window, error, dps): lam for lam in lams}
            try:
                for fut in cf.as_completed(futures):
                    row = fut.result()
                    rows[row.scale] = row
                    bar.update()
            except KeyboardInterrupt:
                for fut in futures:
                    fut.cancel()
                raise
    except KeyboardInterrupt:
        interrupted = True
    finally:
        bar.close()
        if own and pool is not None:
            pool.shutdown(wait=not interrupted, cancel_futures=True)
    ordered = [rows[k] for k in sorted(rows)]
    notes = []
    if any(r.method.startswith("rms") and error == "quadrature" for r in ordered):
        notes.append("some windows had degenerate phases; their error is the window's RMS relative error")
    fit = None
    finite = [r for r in ordered if 0 < r.error < mpmath.inf]
    if len(finite) >= corrections + 3:
        fit = fit_exponent([r.scale for r in finite], [r.error for r in finite], corrections)
    else:
        notes.append(f"too few points ({len(finite)}) for an exponent fit with {corrections} correction term(s)")
    return ConvergenceResult(fam, ordered, fit, error, window, dps, time.perf_counter() - start, interrupted, notes)


# --- plotting -------------------------------------------------------------------------------


def plot(results: ConvergenceResult | Sequence[ConvergenceResult], path: str | None = None) -> Any:
    """Log-log plot of the error against the scale, with the fitted power laws.

    Needs matplotlib (``pip install 'tqft[plot]'``); saves to ``path`` when given and
    returns the figure.
    """
    try:
        import matplotlib

        if path is not None:
            matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:  # pragma: no cover - matplotlib is in the test environment
        raise InvalidArgumentError("plotting needs matplotlib: pip install 'tqft[plot]'") from None
    items = [results] if isinstance(results, ConvergenceResult) else list(results)
    fig, ax = plt.subplots(figsize=(6.4, 4.4))
    for res in items:
        xs = [r.scale for r in res.rows if 0 < r.error < mpmath.inf]
        ys = [float(r.error) for r in res.rows if 0 < r.error < mpmath.inf]
        label = res.family.describe()
        if res.fit is not None:
            label += f"  (p = {res.fit})"
        (line,) = ax.loglog(xs, ys, "o", ms=4, label=label)
        if res.fit is not None and xs:
            grid = np.geomspace(min(xs), max(xs), 200)
            model = (
                res.fit.prefactor
                * grid**res.fit.exponent
                * np.exp(sum(b * grid ** (-(i + 1)) for i, b in enumerate(res.fit.corrections)))
            )
            ax.loglog(grid, model, "-", color=line.get_color(), lw=1)
    ax.set_xlabel("scale lambda")
    ax.set_ylabel("error")
    ax.set_title("convergence of the asymptotic formulas")
    ax.legend(fontsize=7)
    ax.grid(True, which="both", alpha=0.3)
    fig.tight_layout()
    if path is not None:
        fig.savefig(path, dpi=120)
        plt.close(fig)
    return fig
