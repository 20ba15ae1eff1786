"""pytest plugin: record real requests and responses of the HTTP tests as the schema's examples.

    .venv/bin/python -m pytest tests/contracts -p tests.record_api_examples -q

writes core/api_examples.json: for each operation of /api/schema/, one JSON request body that
the server accepted and the JSON response it gave (the richest one seen, lists cut to two
items), recorded only while every contract runs with its seed's shapes (the default client
settings). core/api_docs.py puts them into the schema; tests/test_api_docs.py checks each one
against its schema, so a changed serializer shows up there (then run this again).
"""

import json
import re
from pathlib import Path

import pytest
from django.test.client import RequestFactory

OUTPUT = Path(__file__).resolve().parent.parent / "core" / "api_examples.json"
SAMPLES: dict[tuple[str, str], list] = {}


# Credentials seen in the tests are replaced by obvious placeholders: signed with the test key,
# a recorded JWT would still be a working token on any server left on the development key.
JWT = re.compile(r"^eyJ[\w-]+\.[\w-]+\.[\w-]+$")
TOKEN_KEY = re.compile(r"^[0-9a-f]{40}$")
EXAMPLE_JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleGFtcGxlIjp0cnVlfQ.c2lnbmF0dXJl"
EXAMPLE_TOKEN_KEY = "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b"


def redact(value):
    if isinstance(value, str):
        if JWT.match(value):
            return EXAMPLE_JWT
        if TOKEN_KEY.match(value):
            return EXAMPLE_TOKEN_KEY
    return value


def _trim(value, depth=0):
    if isinstance(value, list):
        return [_trim(v, depth + 1) for v in value[:2]]
    if isinstance(value, dict):
        return {k: _trim(v, depth + 1) for k, v in value.items()}
    return redact(value)


def _json(raw):
    if isinstance(raw, bytes):
        raw = raw.decode("utf-8", "replace")
    if not raw:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return None


_original_generic = RequestFactory.generic


def _recording_generic(
    self, method, path, data="", content_type="application/octet-stream", *args, **kwargs
):
    response = _original_generic(self, method, path, data, content_type, *args, **kwargs)
    try:
        from django.conf import settings

        from tests.openapi import SEED_CLIENTS

        if any(getattr(settings, k, v) != v for k, v in SEED_CLIENTS.items()):
            return response
        if "version=v2" in str(kwargs.get("HTTP_ACCEPT", "")):
            return response
        status = getattr(response, "status_code", 0)
        if not 200 <= status < 300:
            return response
        body = _json(data) if "json" in (content_type or "") else None
        if data and body is None:
            return response
        answer = None
        if "json" in response.get("Content-Type", ""):
            answer = _json(response.content)
        SAMPLES.setdefault((method.upper(), path.split("?")[0]), []).append((status, body, answer))
    except Exception:  # recording must never fail a test
        pass
    return response


RequestFactory.generic = _recording_generic


def _richness(sample):
    _status, body, answer = sample
    text = json.dumps(answer) if answer is not None else ""
    size = len(text) if len(text) <= 4000 else 0
    return (answer not in (None, [], {}), size, len(json.dumps(body)) if body else 0)


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    from tests.openapi import operation_of

    found: dict[str, list] = {}
    for (method, raw_path), samples in SAMPLES.items():
        path = operation_of(method, raw_path)
        if path is not None:
            found.setdefault(f"{method} {path}", []).extend(samples)
    examples = {}
    for key in sorted(found):
        samples = found[key]
        best = max(samples, key=_richness)
        entry = {}
        requests = [s for s in samples if s[1] not in (None, [], {})]
        if requests:
            entry["request"] = _trim(max(requests, key=_richness)[1])
        if best[2] is not None:
            entry["response"] = _trim(best[2])
            entry["status"] = best[0]
        if entry:
            examples[key] = entry
    OUTPUT.write_text(json.dumps(examples, indent=1, sort_keys=True) + "\n")
