"""What /api/schema/ tells a front-end developer beyond the views' own serializers.

Each contract package holds an ``api_docs`` module: its tags (with what the contract is for),
how a client gets a token, and one ``op(...)`` per operation (readable operationId, summary,
description, the error responses it really gives, and examples taken from the seed document).
The postprocessing hook below puts them into the generated document; tests/test_api_docs.py
fails when an operation is missing from these tables or an example does not match its schema.

Examples, in this order: the table's own (from the seed document); the real bodies recorded
from the HTTP tests (core/api_examples.json, written by tests/record_api_examples.py); else one
built from the operation's schema with values like the seed documents' (``EXAMPLE_VALUES``).
"""

from __future__ import annotations

import copy
import functools
import importlib
import json
from dataclasses import dataclass, field
from pathlib import Path

# Real request and response bodies recorded from the HTTP tests (tests/record_api_examples.py).
RECORDED_EXAMPLES = Path(__file__).resolve().parent / "api_examples.json"

# Contract order: the tags, the paths and the description follow it.
CONTRACT_MODULES = (
    "contracts.team_production.api_docs",
    "contracts.oneonone_p2.api_docs",
    "contracts.mentorq.api_docs",
    "contracts.oneonone_coreapi.api_docs",
    "contracts.oneonone_short.api_docs",
)

METHODS = ("get", "post", "put", "patch", "delete")

DEFAULT_ERRORS = {
    400: {"non_field_errors": ["This field is required."]},
    401: {"detail": "Authentication credentials were not provided."},
    403: {"detail": "You do not have permission to perform this action."},
    404: {"detail": "Not found."},
    409: {"detail": "This change conflicts with existing data."},
    410: {"detail": "Calendar has been finalized."},
    415: {"detail": 'Unsupported media type "application/xml" in request.'},
    429: {"detail": "Too many failed logins. Try again in 300 seconds."},
}
SUCCESS_TEXT = {"200": "OK.", "201": "Created.", "204": "Done; no body."}
ERROR_TEXT = {
    400: "Bad input or a refused rule; nothing was written.",
    401: "No token, or a bad, expired or ended one.",
    403: "Signed in, but not allowed to do this.",
    404: "Unknown (or not the caller's to see).",
    409: "Conflicts with the current state.",
    410: "Gone: too late to change this (deadline passed or finalized).",
    415: "The body is in a media type the operation does not read (see its request body).",
    429: "Too many attempts; the `Retry-After` header says how many seconds to wait.",
}


WHICH_CONTRACT = """## Which contract for a new client

- Scheduling rounds (an owner's slots, invitees answer by an emailed link, suggestions,
  finalized meetings with .ics invites): **001 OneOnOne P2**, the most complete one. 003 and 004
  serve the same rounds in their own shapes, for clients written from those seeds.
- Booking sessions with mentors: **000 Team Production**.
- A help queue at a hackathon: **002 MentorQ**.

All five share one account system: a user registered through one contract logs in through any.
Errors are JSON: `{"detail": "..."}`, or `{"<field>": ["..."]}` for bad input (400); every
operation lists the error responses it gives, with an example body."""


@dataclass
class Op:
    operation_id: str
    summary: str
    description: str = ""
    # status -> example body (None: the default one of DEFAULT_ERRORS)
    errors: dict = field(default_factory=dict)
    request: object = None  # example request body (None: built from the schema)
    response: object = None  # example success body (None: built from the schema)


def op(operation_id, summary, description="", errors=(), request=None, response=None) -> Op:
    if not isinstance(errors, dict):
        errors = {code: None for code in errors}
    return Op(operation_id, summary, description, dict(errors), request, response)


def contract_modules():
    return [importlib.import_module(name) for name in CONTRACT_MODULES]


def operation_table() -> dict[str, Op]:
    table: dict[str, Op] = {}
    for module in contract_modules():
        table.update(module.OPERATIONS)
    return table


@functools.cache
def recorded_examples() -> dict:
    try:
        return json.loads(RECORDED_EXAMPLES.read_text())
    except FileNotFoundError:
        return {}


# --- Examples built from a schema ---------------------------------------------------------------

EXAMPLE_VALUES = {
    "id": 1,
    "pk": 1,
    "username": "ana",
    "email": "ana@example.com",
    "first_name": "Ana",
    "last_name": "Lopez",
    "first_Name": "Ana",
    "last_Name": "Lopez",
    "name": "Weekly one-on-ones",
    "description": "Thirty minutes with each team member.",
    "password": "correct-horse-42",
    "password1": "correct-horse-42",
    "password2": "correct-horse-42",
    "re_password": "correct-horse-42",
    "new_password": "correct-horse-42",
    "re_new_password": "correct-horse-42",
    "phone_number": "+14165550123",
    "time_zone": "Europe/Paris",
    "timezone": "Europe/Paris",
    "skills": "python,django",
    "about_me": "Backend developer, happy to review code.",
    "team_number": 7,
    "session_length": 30,
    "status": "Open",
    "message": "Calendar has been finalized.",
    "detail": "Done.",
    "access": "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ1c2VyX2lkIjoxfQ.c2lnbmF0dXJl",
    "refresh": "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ0b2tlbl90eXBlIjoicmVmcmVzaCJ9.c2ln",
    "auth_token": "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b",
    "token": "MTox:1tUjv3:q2Vf3xVb0qJ7gJ9nV0bK1cQ",
    "lcs_token": "4f1f2c9e-identity-service-token",
    "uid": "MQ",
    "rating": 5,
    "comments": "Found the bug in five minutes.",
    "location": "Table 12, main hall",
    "title": "Stuck on a CORS error",
    "start_time": "2026-03-02T09:00:00Z",
    "end_time": "2026-03-02T09:30:00Z",
    "start_date": "2026-03-02",
    "end_date": "2026-03-06",
    "deadline": "2026-02-27T17:00:00Z",
    "created_datetime": "2026-03-02T09:00:00Z",
    "finalized": False,
    "meeting_minutes": 30,
    "gap_minutes": 0,
    "grid_minutes": 15,
}


def _named(name: str):
    """The example value for a field name: exact, else the longest known suffix
    (``mentor_first_name`` reads as ``first_name``)."""
    if name in EXAMPLE_VALUES:
        return EXAMPLE_VALUES[name]
    suffixes = [key for key in EXAMPLE_VALUES if name.endswith(f"_{key}")]
    return EXAMPLE_VALUES[max(suffixes, key=len)] if suffixes else None


FORMAT_VALUES = {
    "date-time": "2026-03-02T09:00:00Z",
    "date": "2026-03-02",
    "time": "09:00:00",
    "email": "ana@example.com",
    "uri": "http://localhost:8000/media/profile_photos/ana.png",
    "uuid": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
    "duration": "00:30:00",
}


def resolve(document: dict, node: dict) -> dict:
    while isinstance(node, dict) and "$ref" in node:
        node = document["components"]["schemas"][node["$ref"].rsplit("/", 1)[-1]]
    return node


def build_example(document, schema, *, name="", response=True, depth=0):
    schema = resolve(document, schema)
    if depth > 6 or not isinstance(schema, dict):
        return None
    for key in ("allOf", "oneOf", "anyOf"):
        if schema.get(key):
            options = [resolve(document, s) for s in schema[key]]
            if key == "allOf":
                merged: dict = {}
                for option in options:
                    merged = {**merged, **option}
                return build_example(document, merged, name=name, response=response, depth=depth)
            option = next((o for o in options if o.get("type") != "null"), options[0])
            return build_example(document, option, name=name, response=response, depth=depth)
    if "enum" in schema:
        values = [v for v in schema["enum"] if v not in (None, "")]
        return values[0] if values else schema["enum"][0]
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        body = {}
        for prop, sub in schema.get("properties", {}).items():
            sub_resolved = resolve(document, sub)
            if response and sub_resolved.get("writeOnly"):
                continue
            if not response and sub_resolved.get("readOnly"):
                continue
            if sub_resolved.get("format") == "binary":
                continue
            body[prop] = build_example(document, sub, name=prop, response=response, depth=depth + 1)
        return body
    if kind == "array":
        item = build_example(
            document, schema.get("items", {}), name=name, response=response, depth=depth + 1
        )
        return [item]
    if kind == "integer":
        value = _named(name)
        value = value if isinstance(value, int) and not isinstance(value, bool) else 1
        return _clamp(value, schema)
    if kind == "number":
        value = _named(name)
        return float(_clamp(value if isinstance(value, int | float) else 90.0, schema))
    if kind == "boolean":
        value = _named(name)
        return value if isinstance(value, bool) else True
    if kind == "string" or kind is None:
        value = _named(name)
        fmt = schema.get("format")
        if fmt in FORMAT_VALUES and not (
            isinstance(value, str) and fmt in ("date-time", "date") and fmt_matches(value, fmt)
        ):
            return FORMAT_VALUES[fmt]
        if not isinstance(value, str):
            value = name.replace("_", " ") if name else "text"
        if "maxLength" in schema:
            value = value[: schema["maxLength"]]
        return value
    return None


def fmt_matches(value: str, fmt: str) -> bool:
    return ("T" in value) == (fmt == "date-time")


def _clamp(value, schema):
    if "minimum" in schema:
        value = max(value, schema["minimum"])
    if "maximum" in schema:
        value = min(value, schema["maximum"])
    return value


# --- The hook ------------------------------------------------------------------------------------


def _json_media(content: dict) -> list[str]:
    return [m for m in content if m == "application/json" or m.endswith("+json")] or list(content)


def _put_example(media: dict, value, summary: str) -> None:
    if "example" in media or "examples" in media:
        return
    media["examples"] = {"example": {"value": value, "summary": summary}}


def _document_operation(document, method, path, operation, entry: Op) -> None:
    operation["operationId"] = entry.operation_id
    operation["summary"] = entry.summary
    if entry.description:
        operation["description"] = entry.description
    recorded = recorded_examples().get(f"{method.upper()} {path}", {})
    content = operation.get("requestBody", {}).get("content", {})
    for media_type in content:
        media = content[media_type]
        value = entry.request if entry.request is not None else recorded.get("request")
        if value is None:
            value = build_example(document, media.get("schema", {}), response=False)
        _put_example(media, copy.deepcopy(value), "Request")
    responses = operation.setdefault("responses", {})
    for status, response in responses.items():
        if not str(status).startswith("2"):
            continue
        if not response.get("description"):
            response["description"] = SUCCESS_TEXT.get(str(status), "Success.")
        for media_type in response.get("content", {}):
            media = response["content"][media_type]
            value = entry.response
            if value is None and str(recorded.get("status")) == str(status):
                value = recorded.get("response")
            if value is None:
                value = build_example(document, media.get("schema", {}), response=True)
            _put_example(media, copy.deepcopy(value), "Response")
    codes = dict(entry.errors)
    anonymous = any(item == {} for item in operation.get("security", [{}]))
    if not anonymous:
        codes.setdefault(401, None)
    if "{" in path:
        codes.setdefault(404, None)
    if "requestBody" in operation:
        codes.setdefault(400, None)
        codes.setdefault(415, None)
    for status, response in responses.items():
        code = int(status) if str(status).isdigit() else None
        if code is None or code < 400:
            continue
        # An error response the view declares itself: its text and an example of its body.
        if not response.get("description"):
            response["description"] = ERROR_TEXT.get(code, "Error.")
        for media in response.get("content", {}).values():
            value = entry.errors.get(code)
            if value is None:
                value = build_example(document, media.get("schema", {}), response=True)
            _put_example(media, copy.deepcopy(value), response["description"])
    for code in sorted(codes):
        if str(code) in responses:
            continue
        body = codes[code] if codes[code] is not None else DEFAULT_ERRORS[code]
        schema_name = "ValidationError" if code == 400 else "ErrorDetail"
        responses[str(code)] = {
            "description": ERROR_TEXT[code],
            "content": {
                "application/json": {
                    "schema": {"$ref": f"#/components/schemas/{schema_name}"},
                    "examples": {"error": {"value": body, "summary": ERROR_TEXT[code]}},
                }
            },
        }


def document_operations(result, generator, request, public):
    """drf-spectacular postprocessing hook: tags, operationIds, summaries, examples, errors."""
    modules = contract_modules()
    table = operation_table()
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault(
        "ErrorDetail",
        {
            "type": "object",
            "description": (
                "An error with one message (DRF's shape). A refused token also says why, as the "
                "token library does: `code` (`token_not_valid`) and, for an access token, "
                "`messages`."
            ),
            "properties": {
                "detail": {"type": "string"},
                "code": {"type": "string"},
                "messages": {"type": "array", "items": {"type": "object"}},
            },
            "required": ["detail"],
        },
    )
    schemas.setdefault(
        "ValidationError",
        {
            "type": "object",
            "description": (
                "DRF's validation shape: each refused field with its messages "
                '(`{"email": ["Enter a valid email address."]}`), `non_field_errors` for a '
                "rule on several fields, or `detail` where the contract says so."
            ),
            "additionalProperties": {},
        },
    )
    for path, item in result.get("paths", {}).items():
        for method, operation in item.items():
            if method not in METHODS:
                continue
            entry = table.get(f"{method.upper()} {path}")
            if entry is not None:
                _document_operation(result, method, path, operation, entry)

    tags = [tag for module in modules for tag in module.TAGS]
    result["tags"] = [{"name": name, "description": text} for name, text in tags]
    order = {name: index for index, (name, _) in enumerate(tags)}

    def rank(entry):
        _path, item = entry
        names = [t for o in item.values() if isinstance(o, dict) for t in o.get("tags", [])]
        return min((order.get(n, len(order)) for n in names), default=len(order))

    result["paths"] = dict(sorted(result.get("paths", {}).items(), key=rank))
    intro = result.get("info", {}).get("description", "")
    tokens = "\n\n".join(f"**{m.CONTRACT}**: {m.AUTH}" for m in modules)
    result.setdefault("info", {})["description"] = (
        f"{intro}\n\n{WHICH_CONTRACT}\n\n## Getting a token, per contract\n\n{tokens}"
    )
    return result
