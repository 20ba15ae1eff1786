"""`oneonone-suggest INSTANCE.json [--count K] [--time-limit SECONDS]`.

Reads an `oneonone-instance/1` document (`-` for standard input) and prints
`oneonone-suggestions/1` JSON on standard output. Malformed input exits with status 2 and one
line on standard error naming the field and the reason; nothing is printed on standard output.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from optimizer.formats import FormatError, load_instance, suggestions_to_json
from optimizer.solver import DEFAULT_COUNT, DEFAULT_TIME_LIMIT, suggest

PROG = "oneonone-suggest"


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(message)


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a positive integer, got {text!r}")
    return value


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds, got {text!r}")
    return value


def _parser() -> _Parser:
    parser = _Parser(
        prog=PROG,
        description="Suggest ranked one-on-one schedules for an oneonone-instance/1 document.",
    )
    parser.add_argument("instance", help="instance JSON file, or - to read standard input")
    parser.add_argument(
        "--count",
        type=_positive_int,
        default=DEFAULT_COUNT,
        help=f"number of schedules to suggest (default {DEFAULT_COUNT})",
    )
    parser.add_argument(
        "--time-limit",
        type=_positive_float,
        default=DEFAULT_TIME_LIMIT,
        help=f"seconds before returning the best found so far (default {DEFAULT_TIME_LIMIT:g})",
    )
    return parser


def _fail(message: str) -> int:
    sys.stderr.write(f"{PROG}: {message}\n")
    return 2


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
    except _UsageError as error:
        return _fail(str(error))
    try:
        if args.instance == "-":
            text: str | bytes = sys.stdin.buffer.read()
        else:
            text = Path(args.instance).read_bytes()
    except OSError as error:
        return _fail(f"{args.instance}: cannot read ({error.strerror or error})")
    try:
        instance = load_instance(text)
    except FormatError as error:
        return _fail(str(error))
    suggestions = suggest(instance, count=args.count, time_limit=args.time_limit)
    sys.stdout.write(json.dumps(suggestions_to_json(suggestions), indent=2) + "\n")
    for number, schedule in enumerate(suggestions.schedules, start=1):
        if not schedule.optimal:
            sys.stderr.write(
                f"{PROG}: warning: time limit reached, schedule {number} is not proven optimal\n"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
