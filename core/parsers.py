"""The JSON parser of every contract: DRF's, refusing what would later become a 500.

- Nesting: ``[`` x 100,000 makes Python's json module raise RecursionError (not a ValueError, so
  DRF's parser let it through as a 500), and a body nested a few hundred levels parses but can
  exhaust the stack in whatever walks it next. No contract's body nests deeper than a handful of
  levels, so anything deeper than ``MAX_JSON_DEPTH`` is refused.
- Lone surrogates: ``"\\ud800"`` is valid JSON text but no character; it cannot be encoded to
  UTF-8, so the database driver raised UnicodeEncodeError. A surrogate pair (an emoji written as
  two escapes) is decoded into one character and is fine.

Each is a 400 ``{"detail": "JSON parse error - ..."}``, as DRF words its other parse errors.
"""

import re

from rest_framework import parsers
from rest_framework.exceptions import ParseError

MAX_JSON_DEPTH = 32  # arrays and objects inside each other; the contracts' bodies need 3 or 4

_SURROGATE = re.compile("[\ud800-\udfff]")


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(
                f"JSON parse error - nested deeper than {MAX_JSON_DEPTH} levels."
            ) from None
        problem = _problem(data)
        if problem:
            raise ParseError(f"JSON parse error - {problem}")
        return data


def _problem(data) -> str | None:
    """What makes parsed JSON unusable, or None. Iterative: deep data cannot overflow the stack."""
    stack = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, str):
            message = _string_problem(value)
            if message:
                return message
        elif isinstance(value, dict | list):
            if depth >= MAX_JSON_DEPTH:
                return f"nested deeper than {MAX_JSON_DEPTH} levels."
            if isinstance(value, dict):
                for key, item in value.items():
                    stack.append((key, depth + 1))
                    stack.append((item, depth + 1))
            else:
                stack.extend((item, depth + 1) for item in value)
    return None


def _string_problem(text: str) -> str | None:
    found = _SURROGATE.search(text)
    if found:
        return f"a string holds a lone surrogate (\\u{ord(found.group()):04x}), not a character."
    return None
