"""The OpenAPI document that /api/schema/ serves, as a dict, and its operations."""

import json

from drf_spectacular.generators import SchemaGenerator

METHODS = ("get", "post", "put", "patch", "delete")


def openapi_document() -> dict:
    """What GET /api/schema/ answers (the same generator, every operation, as JSON)."""
    raw = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(json.dumps(raw, default=str))


def operations(document: dict) -> list[tuple[str, str, dict]]:
    """(method, path, operation) for every operation, in the document's order."""
    return [
        (method.upper(), path, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method in METHODS
    ]


def resolve(document: dict, node: dict) -> dict:
    while isinstance(node, dict) and "$ref" in node:
        node = document["components"]["schemas"][node["$ref"].rsplit("/", 1)[-1]]
    return node


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


def is_documented(response, method: str, path: str) -> bool:
    """Whether a test client's response matches what /api/schema/ documents for the operation
    ``method path`` (``path`` as the schema writes it, e.g. ``/calendars/{id}/``)."""
    import requests
    import schemathesis
    from schemathesis.core.transport import Response

    schema = schemathesis.openapi.from_dict(openapi_document())
    answer = Response(
        status_code=response.status_code,
        headers={name: [value] for name, value in response.headers.items()},
        content=response.content,
        request=requests.Request(method, f"http://testserver{path}").prepare(),
        elapsed=0.0,
        verify=True,
    )
    return schema[path][method].is_valid_response(answer)
