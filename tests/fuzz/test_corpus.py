"""Hand-made inputs that a generator rarely finds, sent to every operation: never a 5xx.

The corpus (issue 10, items 6 to 8): a JSON body nested 100,000 deep, a lone surrogate
(``"\\ud800"``) in every string field and string path parameter, a 1 MB string in the same
places, and a time zone that does not exist in every time-zone field. Each request is signed in
as the fuzzing user, with the ids of existing objects in the path.
"""

import json
from urllib.parse import quote

import pytest
from django.test import Client

from tests.fuzz.conftest import real_value
from tests.openapi import json_body_properties, openapi_document, operations

pytestmark = pytest.mark.fuzz

DOCUMENT = openapi_document()
OPERATIONS = operations(DOCUMENT)

NESTED = "[" * 100_000
SURROGATE = "\ud800"
MEGABYTE = "a" * 1_000_000
BAD_ZONES = ("Mars/Olympus", "../../etc/passwd", "UTC+99")


# DELETE bodies the schema cannot show (OpenAPI documents no body for DELETE).
DELETE_BODIES = {
    "/contacts/friendRequests/user/": {"username": {"type": "string"}},
    "/schedules/contacts/": {"contact_id": {"type": "integer"}},
}


def _properties(method: str, path: str, operation: dict) -> dict:
    if method == "DELETE":
        return DELETE_BODIES.get(path, {})
    return json_body_properties(DOCUMENT, operation)


def _accepts_list(prop: dict) -> bool:
    options = prop.get("oneOf", []) + prop.get("anyOf", []) + [prop]
    return any(
        o.get("type") == "array" and o.get("items", {}).get("type") in (None, "string")
        for o in options
    )


def _plausible(prop: dict):
    kind = prop.get("type")
    if _accepts_list(prop):
        return ["x"]
    return {"boolean": True, "integer": 1, "number": 1, "array": [], "object": {}}.get(kind, "x")


def _string_bodies(properties: dict, value: str) -> list[str]:
    """One body per string field (a list of strings where a list is accepted): that field set
    to ``value``, the others to a plausible value, so each field is what gets checked."""
    bodies = []
    for name, prop in properties.items():
        kind = prop.get("type")
        if _accepts_list(prop):
            bad = [value]
        elif kind == "string" or (kind is None and "enum" not in prop):
            bad = value
        else:
            continue
        body = {other: _plausible(p) for other, p in properties.items()}
        body[name] = bad
        bodies.append(json.dumps(body))
    return bodies


def _zone_fields(properties: dict) -> list[str]:
    return [name for name in properties if "zone" in name.lower() or name.lower() == "tz"]


# A valid body for the operations with a time-zone field, so the zone is what gets checked.
ZONE_BASES = {
    ("POST", "/schedules/calendars/create/"): {
        "name": "Round",
        "description": "",
        "deadline": "2031-03-01",
        "invitees": [],
        "available_slots": [
            {"date": "2031-03-03", "start_time": "09:00", "end_time": "11:00", "preference": 3}
        ],
    },
}


def _corpus():
    """(name, method, path, bodies (JSON texts), string path value or None) for each case."""
    for method, path, operation in OPERATIONS:
        properties = _properties(method, path, operation)
        has_string_path = any(
            p["in"] == "path" and p.get("schema", {}).get("type") == "string"
            for p in operation.get("parameters", [])
        )
        if method != "GET":
            yield "nested-json", method, path, [NESTED], None
        for name, value in (("surrogate", SURROGATE), ("1mb-string", MEGABYTE)):
            bodies = _string_bodies(properties, value)
            if bodies or has_string_path:
                yield name, method, path, bodies, value if has_string_path else None
        for zone in BAD_ZONES if _zone_fields(properties) else ():
            base = dict(ZONE_BASES.get((method, path), {}))
            base.update(dict.fromkeys(_zone_fields(properties), zone))
            yield f"bad-zone[{zone}]", method, path, [json.dumps(base)], None


def _params():
    for name, method, path, bodies, path_value in _corpus():
        yield pytest.param(name, method, path, bodies, path_value, id=f"{name}-{method} {path}")


def _url(world, path: str, path_value: str | None) -> str:
    for segment in path.split("/"):
        if segment.startswith("{") and segment.endswith("}"):
            name = segment[1:-1]
            real = real_value(world, path, name)
            if path_value is not None and isinstance(real, str):
                value = quote(path_value.encode("utf-8", "surrogatepass"), safe="")
            else:
                value = quote(str(real if real is not None else 1), safe="")
            path = path.replace(segment, value)
    return path


@pytest.mark.parametrize(("name", "method", "path", "bodies", "path_value"), list(_params()))
def test_corpus_input_is_never_a_server_error(name, method, path, bodies, path_value, world):
    client = Client(raise_request_exception=False, HTTP_AUTHORIZATION=f"Bearer {world.access}")
    url = _url(world, path, path_value)
    server_errors = []
    for body in bodies or [None]:
        kwargs = {"content_type": "application/json"}
        if body is not None:
            kwargs["data"] = body.encode("utf-8")
        response = client.generic(method, url, **kwargs)
        if response.status_code >= 500:
            server_errors.append((response.status_code, (body or "")[:200]))
    assert server_errors == []
