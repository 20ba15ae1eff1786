"""Field rules of an account, shared by the model and the services."""

import functools
import zoneinfo

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from PIL import Image, UnidentifiedImageError


def normalize_phone_number(raw: str) -> str:
    """Return the number in E.164 (``+14165550123``), or raise ValidationError."""
    raw = (raw or "").strip()
    if not raw:
        return ""
    try:
        number = phonenumbers.parse(raw, settings.PHONE_DEFAULT_REGION)
    except phonenumbers.NumberParseException as exc:
        raise ValidationError("Enter a valid phone number, e.g. +14165550123.") from exc
    if not phonenumbers.is_valid_number(number):
        raise ValidationError("Enter a valid phone number, e.g. +14165550123.")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


@functools.cache
def _iana_names() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())  # reads the zone files: once a process


def validate_time_zone(name: str) -> None:
    """An IANA name (``Europe/Paris``, ``UTC``); anything else, paths included, is refused."""
    if name not in _iana_names():
        raise ValidationError(f"Unknown time zone {name!r}: use an IANA name such as Europe/Paris.")


def validate_profile_photo(upload: UploadedFile) -> None:
    """A real image (Pillow can read it), at most PROFILE_PHOTO_MAX_BYTES."""
    limit = settings.PROFILE_PHOTO_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValidationError(f"The photo is too large: at most {limit // (1024 * 1024)} MB.")
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError("Upload a valid image (JPEG, PNG, GIF or WebP).") from exc
    finally:
        upload.seek(0)
