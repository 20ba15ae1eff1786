"""How a contract's errors.py answers domain errors: the layers of core.api.ContractErrors."""

from rest_framework.views import APIView

from core.api import ANY, ContractErrors, Reply, error_body
from core.errors import Closed, DomainError, InvalidInput, NotFound, RateLimited


class BaseView(APIView):
    pass


class FinalizeView(BaseView):
    pass


ERRORS = ContractErrors(
    replies={"finalized": Reply(message="Round is over.")},
    views={
        "BaseView": {ANY: Reply(body=error_body)},
        "FinalizeView": {"finalized": Reply(status=400)},
    },
    fields={"slots": "availability"},
)


def test_each_kind_gets_its_usual_status_in_drf_shapes():
    plain = ContractErrors()
    view = APIView()
    closed = plain.response(Closed("Deadline has passed", code="deadline_passed"), view)
    assert (closed.status_code, closed.data) == (410, {"detail": "Deadline has passed"})
    refused = plain.response(DomainError("No.", code="x"), view)
    assert (refused.status_code, refused.data) == (400, {"non_field_errors": ["No."]})
    missing = plain.response(NotFound(field="contact"), view)
    assert (missing.status_code, missing.data) == (404, {"contact": ["Not found."]})
    throttled = plain.response(RateLimited("Slow down.", retry_after=7), view)
    assert (throttled.status_code, throttled["Retry-After"]) == (429, "7")


def test_a_view_overrides_its_base_which_overrides_the_contract():
    closed = Closed("Calendar has been finalized.", code="finalized")
    on_base = ERRORS.response(closed, BaseView())
    assert (on_base.status_code, on_base.data) == (410, {"error": "Round is over."})
    on_finalize = ERRORS.response(closed, FinalizeView())
    assert (on_finalize.status_code, on_finalize.data) == (400, {"error": "Round is over."})
    elsewhere = ERRORS.response(closed, APIView())
    assert (elsewhere.status_code, elsewhere.data) == (410, {"detail": "Round is over."})


def test_fields_are_renamed_and_each_problem_reworded():
    several = InvalidInput(
        [
            DomainError("Bad slot.", code="bad_slot", field="slots"),
            Closed("Finalized.", code="finalized"),
            DomainError("Too long.", code="too_long", field="name"),
        ]
    )
    response = ERRORS.response(several, APIView())
    assert response.status_code == 400
    assert response.data == {
        "availability": ["Bad slot."],
        "non_field_errors": ["Round is over."],
        "name": ["Too long."],
    }
