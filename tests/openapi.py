"""/api/schema/ in the tests: the document (built once per run), its operations, and the check
that a response is what the document says for its operation.

``check_response`` is applied to every response of the suite's API client (tests/clients.py), so
a view that answers a status the schema does not list for the operation, or a JSON body that
does not match the documented schema (a missing, mistyped or undocumented field), fails the test
that received it: the documentation cannot
drift from the code. The fix is in the schema (api_docs.py, ``@extend_schema``, the serializers'
declared fields), never in the response.
"""

from __future__ import annotations

import copy
import functools
import json
import re

import jsonschema
from django.conf import settings
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from referencing import Registry, Resource

METHODS = ("get", "post", "put", "patch", "delete")

# Settings under which a contract answers another client's shapes than its seed's: the schema
# documents the seeds' shapes only, so responses given under another client are not checked
# (tests/record_api_examples.py records under the same rule).
SEED_CLIENTS = {
    "TEAM_PRODUCTION_CLIENT": "seed",
    "ONEONONE_P2_CLIENT": "seed",
    "MENTORQ_CLIENT": "seed",
}

# (method, schema path, status) answered today although the schema does not document them (or
# documents another body): each entry is a known gap, to be fixed in the schema and removed.
# This list may only shrink.
NOT_YET_DOCUMENTED: set[tuple[str, str, int]] = set()


_GENERATION_PROBLEMS: dict[str, list[str]] = {}


@functools.cache
def _document() -> dict:
    GENERATOR_STATS.reset()
    raw = SchemaGenerator().get_schema(request=None, public=True)
    _GENERATION_PROBLEMS["warnings"] = list(GENERATOR_STATS._warn_cache)
    _GENERATION_PROBLEMS["errors"] = list(GENERATOR_STATS._error_cache)
    return json.loads(json.dumps(raw, default=str))


def generation_problems() -> dict[str, list[str]]:
    """The warnings and errors drf-spectacular gave while building the document."""
    _document()
    return copy.deepcopy(_GENERATION_PROBLEMS)


def openapi_document() -> dict:
    """What GET /api/schema/ answers (the same generator, every operation, as JSON).

    Built once per test run; each caller gets its own copy to read or change."""
    return copy.deepcopy(_document())


def operations(document: dict) -> list[tuple[str, str, dict]]:
    """(method, path, operation) for every operation, in the document's order."""
    return [
        (method.upper(), path, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method in METHODS
    ]


def resolve(document: dict, node: dict) -> dict:
    for _ in range(32):  # a $ref chain longer than this is a loop in the document
        if not (isinstance(node, dict) and "$ref" in node):
            return node
        node = document["components"]["schemas"][node["$ref"].rsplit("/", 1)[-1]]
    raise ValueError(f"$ref chain too long at {node}")


def json_body_properties(document: dict, operation: dict) -> dict:
    """The properties of the operation's JSON (or form) body schema: name -> schema."""
    content = operation.get("requestBody", {}).get("content", {})
    for media in ("application/json", "multipart/form-data", "application/x-www-form-urlencoded"):
        if media in content:
            body = resolve(document, content[media].get("schema", {}))
            return {
                name: resolve(document, prop) for name, prop in body.get("properties", {}).items()
            }
    return {}


# --- OpenAPI 3.0 schemas as JSON Schema ---------------------------------------------------------
def as_json_schema(node, *, closed: bool = False):
    """OpenAPI 3.0's schema dialect as JSON Schema: ``nullable`` becomes a null alternative and
    ``#/components/...`` references point into the registry below.

    ``closed``: an object schema that lists its properties admits no others (unless it says
    otherwise), so that a field a response has and the schema does not is found too."""
    if isinstance(node, list):
        return [as_json_schema(item, closed=closed) for item in node]
    if not isinstance(node, dict):
        return node
    node = {
        key: _ref(value, closed) if key == "$ref" else as_json_schema(value, closed=closed)
        for key, value in node.items()
    }
    if closed and "properties" in node and "additionalProperties" not in node:
        node["additionalProperties"] = False
    if node.pop("nullable", False):
        return {"anyOf": [node, {"type": "null"}]}
    return node


def _ref(ref: str, closed: bool) -> str:
    return ("urn:closed" if closed else "urn:api") + ref


@functools.cache
def _registry() -> Registry:
    return Registry().with_resources(
        [
            ("urn:api", Resource.opaque(as_json_schema(_document()))),
            ("urn:closed", Resource.opaque(as_json_schema(_document(), closed=True))),
        ]
    )


def validator(schema: dict, *, closed: bool = False) -> jsonschema.Draft202012Validator:
    """A validator of values against ``schema`` (a schema of the document, OpenAPI 3.0)."""
    return jsonschema.Draft202012Validator(
        as_json_schema(schema, closed=closed),
        registry=_registry(),
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )


# --- Responses against their operations ---------------------------------------------------------
@functools.cache
def _path_patterns() -> list[tuple[str, str, re.Pattern]]:
    """(method, schema path, pattern of request paths): literal paths before templated ones, so
    that ``/api/tickets/stats/`` is not taken for ``/api/tickets/{id}/``."""
    patterns = []
    for method, path, _ in operations(_document()):
        parts = re.split(r"\{[^}]+\}", path.rstrip("/"))
        regex = "[^/]+".join(re.escape(part) for part in parts)
        patterns.append((path.count("{"), method, path, re.compile(f"^{regex}/?$")))
    patterns.sort(key=lambda item: item[0])
    return [item[1:] for item in patterns]


def operation_of(method: str, request_path: str) -> str | None:
    """The schema path of the operation that ``method request_path`` calls, or None."""
    for op_method, path, pattern in _path_patterns():
        if op_method == method.upper() and pattern.match(request_path):
            return path
    return None


@functools.cache
def _response_validator(method: str, path: str, status: str):
    documented = _document()["paths"][path][method.lower()]["responses"][status]
    schema = documented.get("content", {}).get("application/json", {}).get("schema")
    return None if schema is None else validator(schema, closed=True)


def problems(method: str, path: str, status: int, body) -> list[str]:
    """How a response (``body`` parsed from JSON, or None) differs from what the document says
    for operation ``method path``: [] when it matches."""
    responses = _document()["paths"][path][method.lower()]["responses"]
    key = str(status) if str(status) in responses else "default"
    if key not in responses:
        return [f"status {status} is not documented (documented: {', '.join(responses)})"]
    check = _response_validator(method, path, key)
    if check is None:
        return [] if body is None else [f"a JSON body where status {status} documents none"]
    return [
        f"{'/'.join(str(p) for p in error.absolute_path) or 'the body'}: {error.message}"
        for error in check.iter_errors(body)
    ][:5]


def check_answer(method: str, request_path: str, status: int, body) -> None:
    """Fail when an answer (``body`` parsed from JSON, or None) to ``method request_path`` is not
    what the schema says for the operation it called.

    Not checked: paths outside the schema (admin, health, pages); server failures (5xx: what an
    operation answers when it works is what is documented; tests/test_error_pages.py holds their
    shape); answers under another client's settings than the seed's."""
    if status >= 500:
        return
    if any(getattr(settings, name, seed) != seed for name, seed in SEED_CLIENTS.items()):
        return
    path = operation_of(method, request_path)
    if path is None or (method, path, status) in NOT_YET_DOCUMENTED:
        return
    found = problems(method, path, status, body)
    assert not found, (
        f"{method} {request_path} answered {status}, which /api/schema/ does not document for "
        f"{method} {path}:\n  " + "\n  ".join(found)
    )


def check_response(response) -> None:
    """check_answer for a test client's response with a JSON body. Answers given before any view
    was reached (a refused Host header, an unknown path) belong to no operation."""
    if "json" not in response.get("Content-Type", ""):
        return
    request = response.wsgi_request
    if getattr(request, "resolver_match", None) is None:
        return
    try:
        body = json.loads(response.content) if response.content else None
    except ValueError:
        return  # not JSON after all: the contract's own tests say what it is
    check_answer(request.method, request.path_info, response.status_code, body)


def is_documented(response, method: str, path: str) -> bool:
    """Whether a response matches what the document says for operation ``method path``
    (``path`` as the schema writes it, e.g. ``/calendars/{id}/``)."""
    body = json.loads(response.content) if response.content else None
    return problems(method, path, response.status_code, body) == []
