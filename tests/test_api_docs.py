"""/api/schema/ is documentation a front-end developer can build on (issue 14, item 9): tags in
contract order with descriptions, a readable operationId, summary and description on every
operation, examples that match their schemas, the error responses, and how to get a token."""

import re

import jsonschema
import pytest

from core.api_docs import CONTRACT_MODULES, contract_modules, operation_table
from tests.openapi import openapi_document, operations, validator

DOCUMENT = openapi_document()
OPERATIONS = operations(DOCUMENT)
IDS = [f"{method} {path}" for method, path, _ in OPERATIONS]
PREFIXES = ("tp", "p2", "mentorq", "coreapi", "short")


def _drf_default_id(path: str) -> str:
    """What drf-spectacular would have called the operation (``schedules_calendars_..._create``)."""
    words = [w for w in path.strip("/").split("/") if w and not w.startswith("{")]
    return "_".join(re.sub(r"\W", "_", w) for w in words)


def test_every_operation_is_in_a_contract_table():
    table = operation_table()
    missing = [key for key in IDS if key not in table]
    stale = [key for key in table if key not in IDS]
    assert missing == []
    assert stale == []


@pytest.mark.parametrize(("method", "path", "operation"), OPERATIONS, ids=IDS)
def test_operation_has_summary_description_and_readable_id(method, path, operation):
    assert operation.get("summary", "").strip(), "no summary"
    assert len(operation["summary"]) <= 80
    assert operation.get("description", "").strip(), "no description"
    operation_id = operation["operationId"]
    assert re.fullmatch(r"[a-z0-9]+(_[a-z0-9]+)+", operation_id), operation_id
    assert operation_id.split("_")[0] in PREFIXES, operation_id
    assert not operation_id.startswith(_drf_default_id(path) + "_"), "looks generated from the path"


def test_operation_ids_are_unique():
    ids = [operation["operationId"] for _, _, operation in OPERATIONS]
    assert len(ids) == len(set(ids))


def _validate(value, schema):
    validator(schema).validate(value)


def _bodies(operation):
    """(kind, status, media type, media object) for every body the operation documents."""
    for media_type, media in operation.get("requestBody", {}).get("content", {}).items():
        yield "request", None, media_type, media
    for status, response in operation.get("responses", {}).items():
        for media_type, media in response.get("content", {}).items():
            yield "response", status, media_type, media


@pytest.mark.parametrize(("method", "path", "operation"), OPERATIONS, ids=IDS)
def test_every_body_has_an_example_that_matches_its_schema(method, path, operation):
    for kind, status, media_type, media in _bodies(operation):
        examples = [e["value"] for e in media.get("examples", {}).values()]
        if "example" in media:
            examples.append(media["example"])
        where = f"{kind} {status or ''} {media_type}"
        assert examples, f"no example for the {where}"
        for value in examples:
            try:
                _validate(value, media["schema"])
            except jsonschema.ValidationError as error:
                pytest.fail(f"{where}: example does not match its schema: {error.message}")


@pytest.mark.parametrize(("method", "path", "operation"), OPERATIONS, ids=IDS)
def test_error_responses_are_documented(method, path, operation):
    codes = set(operation["responses"])
    anonymous = any(item == {} for item in operation.get("security", [{}]))
    if not anonymous:
        assert "401" in codes
    if "{" in path:
        assert "404" in codes
    if "requestBody" in operation:
        assert "400" in codes
    for code in codes - {"200", "201", "204"}:
        assert operation["responses"][code].get("description"), code


def test_tags_come_in_contract_order_with_descriptions():
    tags = DOCUMENT["tags"]
    names = [tag["name"] for tag in tags]
    assert [name[:3] for name in names] == sorted(name[:3] for name in names)
    assert {name[:3] for name in names} == {"000", "001", "002", "003", "004"}
    for tag in tags:
        assert len(tag.get("description", "")) > 40, tag["name"]
    used = {tag for _, _, operation in OPERATIONS for tag in operation.get("tags", [])}
    assert used <= set(names)
    # The paths follow the same order, so the docs read contract by contract.
    contracts = [operation["tags"][0][:3] for _, _, operation in OPERATIONS]
    assert contracts == sorted(contracts)


def test_the_description_says_how_to_get_a_token_per_contract():
    description = DOCUMENT["info"]["description"]
    assert len(contract_modules()) == len(CONTRACT_MODULES) == 5
    for module in contract_modules():
        assert module.CONTRACT in description
        assert module.AUTH and module.AUTH in description
