"""The account rules, through the service API."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from accounts import services
from accounts.models import NotificationSettings, User, display_name
from core.errors import DomainError, InvalidInput
from tests.factories import UserFactory


def png_bytes(size=(8, 8)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def register(**overrides):
    data = {"username": "NewUser", "email": "new@example.com", "password": "correct-horse-42"}
    data.update(overrides)
    return services.register_user(**data)


def test_register_user_stores_username_lowercase(db):
    user = register(username="MiXeD.Case")
    assert User.objects.get(pk=user.pk).username == "mixed.case"


def test_register_user_creates_notification_settings(db):
    user = register()
    settings = NotificationSettings.objects.get(user=user)
    assert (settings.session_requested, settings.sixty_minute_alert) == (True, True)


def test_createsuperuser_path_also_gets_notification_settings(db):
    admin = User.objects.create_superuser("Root", "root@example.com", "correct-horse-42")
    assert admin.username == "root"
    assert NotificationSettings.objects.filter(user=admin).count() == 1


def test_register_user_refuses_username_differing_only_in_case(db):
    register(username="alice", email="a1@example.com")
    with pytest.raises(InvalidInput) as caught:
        register(username="ALICE", email="a2@example.com")
    assert caught.value.as_dict() == {"username": ["A user with that username already exists."]}
    assert User.objects.count() == 1


def test_register_user_refuses_email_differing_only_in_case(db):
    register(username="a1", email="Same@Example.com")
    with pytest.raises(InvalidInput) as caught:
        register(username="a2", email="same@example.COM")
    assert caught.value.as_dict() == {"email": ["A user with that email already exists."]}
    assert User.objects.count() == 1


def test_register_user_applies_password_validators(db):
    with pytest.raises(InvalidInput) as caught:
        register(password="xq7!Zp")
    assert [p.code for p in caught.value.problems] == ["password_too_short"]
    with pytest.raises(InvalidInput) as caught:
        register(password="12345678901")
    assert "password_entirely_numeric" in [p.code for p in caught.value.problems]
    assert User.objects.count() == 0


def test_register_user_reports_every_problem_at_once(db):
    register(username="taken", email="taken@example.com")
    with pytest.raises(InvalidInput) as caught:
        register(username="taken", email="not-an-email", password="x")
    assert set(caught.value.as_dict()) == {"username", "email", "password"}


def test_register_user_refuses_invalid_username_characters(db):
    with pytest.raises(InvalidInput) as caught:
        register(username="no spaces!")
    assert caught.value.as_dict()["username"][0].startswith("Enter a valid username")


def test_update_profile_normalizes_phone_to_e164(db):
    user = UserFactory()
    services.update_profile(user=user, phone_number="(416) 555-0199")
    user.refresh_from_db()
    # Default region US/NANP: 416 is Toronto.
    assert user.phone_number == "+14165550199"


def test_update_profile_refuses_invalid_phone_and_writes_nothing(db):
    user = UserFactory(first_name="Before")
    with pytest.raises(InvalidInput) as caught:
        services.update_profile(user=user, phone_number="12", first_name="After")
    assert list(caught.value.as_dict()) == ["phone_number"]
    user.refresh_from_db()
    assert (user.first_name, user.phone_number) == ("Before", "")


def test_update_profile_accepts_real_image(db):
    user = UserFactory()
    photo = SimpleUploadedFile("me.png", png_bytes(), content_type="image/png")
    services.update_profile(user=user, profile_photo=photo)
    user.refresh_from_db()
    assert user.profile_photo.name.startswith(f"profile_photos/{user.pk}/")


def test_update_profile_refuses_file_that_is_not_an_image(db):
    user = UserFactory()
    fake = SimpleUploadedFile("me.png", b"not an image at all", content_type="image/png")
    with pytest.raises(InvalidInput) as caught:
        services.update_profile(user=user, profile_photo=fake)
    assert caught.value.as_dict() == {
        "profile_photo": ["Upload a valid image (JPEG, PNG, GIF or WebP)."]
    }


def test_update_profile_refuses_image_over_limit(db, settings):
    settings.PROFILE_PHOTO_MAX_BYTES = 100
    user = UserFactory()
    big = SimpleUploadedFile("big.png", png_bytes((64, 64)), content_type="image/png")
    with pytest.raises(InvalidInput) as caught:
        services.update_profile(user=user, profile_photo=big)
    assert caught.value.as_dict()["profile_photo"][0].startswith("The photo is too large")
    user.refresh_from_db()
    assert not user.profile_photo


def test_update_profile_refuses_unknown_time_zone(db):
    user = UserFactory()
    with pytest.raises(InvalidInput):
        services.update_profile(user=user, time_zone="Mars/Olympus")
    services.update_profile(user=user, time_zone="America/Toronto")
    user.refresh_from_db()
    assert user.time_zone == "America/Toronto"


def test_passwords_are_hashed_before_the_write_transaction_not_inside_it(
    transactional_db, monkeypatch
):
    # Hashing takes a good part of a second by design; inside a transaction it would hold the
    # database's write lock (SQLite: one writer at a time) that long, and a burst of sign-ups
    # would time out waiting for it ("database is locked").
    from django.contrib.auth.hashers import MD5PasswordHasher
    from django.db import connection

    in_transaction = []
    real_encode = MD5PasswordHasher.encode

    def spy(self, password, salt):
        in_transaction.append(connection.in_atomic_block)
        return real_encode(self, password, salt)

    monkeypatch.setattr(MD5PasswordHasher, "encode", spy)
    user = register()
    services.update_profile(
        user=user, current_password="correct-horse-42", new_password="another-horse-43"
    )

    assert len(in_transaction) >= 2  # the sign-up, the new password (and the check of the old)
    assert not any(in_transaction)
    assert User.objects.get(pk=user.pk).check_password("another-horse-43")


@pytest.mark.parametrize(
    "current, confirm, code",
    [
        ("", "other-pass-1", "current_password_required"),
        ("right-pass-1", "other-pass-1", "passwords_differ"),
        ("wrong-pass-1", "other-pass-1", "passwords_differ"),
        ("wrong-pass-1", "brand-new-pass", "current_password_wrong"),
    ],
)
def test_a_new_password_needs_the_current_one_then_the_same_twice(db, current, confirm, code):
    user = UserFactory()
    user.set_password("right-pass-1")
    user.save()
    with pytest.raises(DomainError) as caught:
        services.update_profile(
            user=user,
            new_password="brand-new-pass",
            current_password=current,
            confirm_password=confirm,
        )
    assert caught.value.code == code
    user.refresh_from_db()
    assert user.check_password("right-pass-1")


@pytest.mark.parametrize(
    ("stored", "zone"),
    [
        ("Europe/Paris", "Europe/Paris"),
        ("", "UTC"),
        ("Mars/Olympus_Mons", "UTC"),
        ("../etc", "UTC"),
    ],
)
def test_a_users_zone_is_their_time_zone_or_utc_when_it_cannot_be_read(stored, zone):
    """Pages and emails read ``User.zone``: a name this machine's tz data lacks is UTC there."""
    assert User(time_zone=stored).zone.key == zone


@pytest.mark.parametrize(
    ("first", "last", "shown"),
    [
        ("Ada", "Lovelace", "Ada Lovelace"),
        ("Ada", "", "Ada"),
        ("", "Lovelace", "Lovelace"),
        ("", "", "ada"),
    ],
)
def test_a_person_is_named_by_full_name_or_else_username(first, last, shown):
    """``display_name``: what pages, emails, .ics and contracts call someone, from an account or
    from the same columns read as values."""
    assert User(username="ada", first_name=first, last_name=last).display_name == shown
    assert display_name(first, last, "ada") == shown
    assert display_name(None, None, None) == ""
