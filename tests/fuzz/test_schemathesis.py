"""Schemathesis against /api/schema/: every operation, no 5xx, every response as documented.

Sized by FUZZ_EXAMPLES (examples per operation and authentication, default 10) and
deterministic (hypothesis derandomized) unless FUZZ_SEED picks a random run:
``make fuzz FUZZ_EXAMPLES=200 FUZZ_SEED=random`` for a longer hunt on a workstation.

Checked on every response: not a 5xx, the documented content type, and, for every documented
status code, a body that matches the documented schema. Undocumented status codes (a 400 or
404 the schema does not list) are not checked: the schema lists the success responses and the
errors each seed documents.
"""

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

from tests.fuzz.conftest import real_value
from tests.openapi import openapi_document

pytestmark = pytest.mark.fuzz

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "10"))
DERANDOMIZE = os.environ.get("FUZZ_SEED", "") != "random"
CHECKS = [not_a_server_error, content_type_conformance, response_schema_conformance]

schema = schemathesis.openapi.from_dict(
    openapi_document(),
    # Authentication is ours (a real JWT, or none), not generated.
    config=schemathesis.Config.from_dict({"generation": {"with-security-parameters": False}}),
)

fuzz_settings = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=DERANDOMIZE,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
    print_blob=True,
)


def _point_at_real_objects(case, world):
    """Half the generated integer ids (the even ones) become ids of existing objects, so the
    fuzzer reaches the code behind the 404s too; the odd ones stay as generated."""
    for name, value in (case.path_parameters or {}).items():
        real = real_value(world, case.operation.path, name)
        if real is None:
            continue
        if isinstance(value, int) and not isinstance(value, bool) and value % 2 == 0:
            case.path_parameters[name] = real
        elif isinstance(value, str) and len(value) % 2 == 0:
            case.path_parameters[name] = str(real)


@schema.parametrize()
@fuzz_settings
def test_every_operation_signed_in(case, wsgi_app, world):
    _point_at_real_objects(case, world)
    case.call_and_validate(
        app=wsgi_app, headers={"Authorization": f"Bearer {world.access}"}, checks=CHECKS
    )


@schema.parametrize()
@settings(fuzz_settings, max_examples=max(1, EXAMPLES // 4))
def test_every_operation_anonymous(case, wsgi_app, world):
    _point_at_real_objects(case, world)
    case.call_and_validate(app=wsgi_app, checks=CHECKS)
