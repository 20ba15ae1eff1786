"""accounts.services.reset_password: one link, two uses at once, exactly one winner."""

import pytest
from django.contrib.auth.hashers import make_password
from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts import services
from accounts.models import User
from core.errors import DomainError
from tests.factories import UserFactory


def test_reset_password_loses_to_a_reset_that_landed_meanwhile(db, monkeypatch):
    user = UserFactory()
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    winner = make_password("the-winners-password-1")

    def hash_while_the_other_request_commits(password):
        # The other use of the same link finishes while this one hashes its password.
        User.objects.filter(pk=user.pk).update(password=winner)
        return make_password(password)

    monkeypatch.setattr(services, "make_password", hash_while_the_other_request_commits)

    with pytest.raises(DomainError) as caught:
        services.reset_password(uid=uid, token=token, new_password="the-losers-password-2")

    assert caught.value.as_dict() == {"token": ["Invalid token for given user."]}
    assert User.objects.get(pk=user.pk).password == winner


def test_reset_password_ends_sessions_of_the_account(db):
    user = UserFactory()
    before = user.token_version
    services.reset_password(
        uid=urlsafe_base64_encode(force_bytes(user.pk)),
        token=default_token_generator.make_token(user),
        new_password="a-fresh-password-33",
    )
    user.refresh_from_db()
    assert user.token_version == before + 1
    assert user.check_password("a-fresh-password-33")
