"""Writes on accounts. Every contract's sign-up, login and profile edit goes through here.

Errors are DomainError values with stable codes; each contract may reword them to its seed's
documented messages (``DomainError.reworded``).
"""

from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.hashers import make_password
from django.contrib.auth.tokens import default_token_generator
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from rest_framework.authtoken.models import Token
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.tokens import RefreshToken

from accounts import login_guard, selectors, tokens
from accounts.errors import Code
from accounts.identity import identity_backend
from accounts.models import NotificationSettings, User
from accounts.validators import normalize_phone_number, validate_profile_photo, validate_time_zone
from core import clock
from core.errors import DomainError, InvalidInput
from core.ids import row_id
from notifications.services import queue_email

PROFILE_FIELDS = (
    "username",
    "first_name",
    "last_name",
    "email",
    "phone_number",
    "profile_photo",
    "is_mentor",
    "is_mentee",
    "time_zone",
)


# --- Field checks (collect every problem, then raise once) --------------------------------------
def _check_username(username, problems, *, exclude_pk=None):
    username = (username or "").strip().lower()
    if not username:
        problems.append(
            DomainError("This field is required.", code=Code.REQUIRED, field="username")
        )
        return username
    try:
        UnicodeUsernameValidator()(username)
    except ValidationError as exc:
        problems.append(DomainError(exc.messages[0], code=Code.USERNAME_INVALID, field="username"))
        return username
    if len(username) > 150:
        problems.append(
            DomainError("At most 150 characters.", code=Code.USERNAME_INVALID, field="username")
        )
    taken = User.objects.filter(username=username).exclude(pk=exclude_pk).exists()
    if taken:
        problems.append(
            DomainError(
                "A user with that username already exists.",
                code=Code.USERNAME_TAKEN,
                field="username",
            )
        )
    return username


def _check_email(email, problems, *, exclude_pk=None):
    email = (email or "").strip()
    if not email:
        problems.append(DomainError("This field is required.", code=Code.REQUIRED, field="email"))
        return email
    try:
        validate_email(email)
    except ValidationError:
        problems.append(
            DomainError("Enter a valid email address.", code=Code.EMAIL_INVALID, field="email")
        )
        return email
    if User.objects.filter(email__iexact=email).exclude(pk=exclude_pk).exists():
        problems.append(
            DomainError(
                "A user with that email already exists.", code=Code.EMAIL_TAKEN, field="email"
            )
        )
    return email


def _check_password(password, user, problems, *, field="password"):
    if not password:
        problems.append(DomainError("This field is required.", code=Code.REQUIRED, field=field))
        return
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        for error in exc.error_list:
            problems.append(
                DomainError(
                    " ".join(error.messages), code=error.code or Code.PASSWORD_INVALID, field=field
                )
            )


def _raise_if(problems):
    if problems:
        raise InvalidInput(problems)


# --- Sign-up ------------------------------------------------------------------------------------
def register_user(
    *,
    username: str,
    email: str,
    password: str,
    first_name: str = "",
    last_name: str = "",
) -> User:
    """Create an account (lowercase username, unique email) and queue the welcome email."""
    problems: list[DomainError] = []
    username = _check_username(username, problems)
    email = _check_email(email, problems)
    candidate = User(username=username, email=email, first_name=first_name, last_name=last_name)
    _check_password(password, candidate, problems, field="password")
    _raise_if(problems)
    user = User(
        username=User.normalize_username(username),
        email=User.objects.normalize_email(email),
        first_name=first_name or "",
        last_name=last_name or "",
    )
    # Hashing is slow on purpose: do it before the transaction, not while holding the database's
    # write lock (on SQLite one writer at a time: fifty sign-ups at once would queue behind it).
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
            _queue_welcome(user)
    except IntegrityError as exc:  # a concurrent sign-up took the name or email
        raise DomainError(
            "A user with that username or email already exists.",
            code=Code.USERNAME_TAKEN,
            field="username",
        ) from exc
    return user


def _queue_welcome(user: User) -> None:
    name = user.first_name or user.username
    queue_email(
        key=f"welcome:user:{user.pk}",
        kind="welcome",
        to=user.email,
        subject="Welcome to OneOnOne",
        text=(
            f"Hello {name},\n\nYour OneOnOne account '{user.username}' is ready. "
            "You can now schedule one-on-one meetings, book mentors and ask for help.\n"
        ),
    )


def get_or_create_user_for_email(*, email: str) -> User:
    """The account of an identity confirmed elsewhere; created on first sight, never changed."""
    existing = User.objects.filter(email__iexact=email).first()
    if existing:
        return existing
    base = "".join(c for c in email.split("@")[0].lower() if c.isalnum() or c in "._+-") or "user"
    username = base[:140]
    suffix = 1
    while User.objects.filter(username=username).exists():
        suffix += 1
        username = f"{base[:140]}{suffix}"
    user = User.objects.create_user(username=username, email=email)
    user.set_unusable_password()
    user.save(update_fields=["password"])
    return user


# --- Profile ------------------------------------------------------------------------------------
def update_profile(
    *,
    user: User,
    new_password: str | None = None,
    current_password: str | None = None,
    require_current_password: bool = True,
    confirm_password: str | None = None,
    **changes,
) -> User:
    """Change any of PROFILE_FIELDS and, with ``new_password``, the password.

    Everything is validated before anything is written, and written in one transaction. With
    ``require_current_password`` the current password must be given and right; with
    ``confirm_password`` (the new one typed twice) the two must be equal. A new password
    ends every session of the account (``end_all_sessions``), the caller's own included.
    """
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise DomainError(f"Unknown profile field {sorted(unknown)[0]!r}.", code=Code.UNKNOWN_FIELD)
    checks_current = new_password is not None and require_current_password
    if checks_current and not current_password:
        raise DomainError(
            "Enter current password first.",
            code=Code.CURRENT_PASSWORD_REQUIRED,
            field="current_password",
        )
    if confirm_password is not None and confirm_password != (new_password or ""):
        raise DomainError(
            "The two new passwords differ.", code=Code.PASSWORDS_DIFFER, field="confirm_password"
        )
    if checks_current and not user.check_password(current_password):
        raise DomainError(
            "Current password is incorrect.",
            code=Code.CURRENT_PASSWORD_WRONG,
            field="current_password",
        )
    problems: list[DomainError] = []
    changes = _clean_profile_changes(user, changes, problems)
    if new_password is not None:
        _check_password(new_password, user, problems, field="new_password")
    _raise_if(problems)
    if new_password is not None:
        user.set_password(new_password)  # slow on purpose: outside the transaction's write lock
    try:
        with transaction.atomic():
            _apply_profile_changes(user, changes)
            user.save()
            if new_password is not None:
                end_all_sessions(user=user)
    except IntegrityError as exc:  # a concurrent change took the username or email
        raise DomainError(
            "A user with that username or email already exists.",
            code=Code.USERNAME_TAKEN,
            field="username",
        ) from exc
    return user


def _clean_profile_changes(user: User, changes: dict, problems: list[DomainError]) -> dict:
    """The changes as they will be stored; each problem found is added to ``problems``."""
    changes = dict(changes)
    if "username" in changes:
        changes["username"] = _check_username(changes["username"], problems, exclude_pk=user.pk)
    if "email" in changes:
        changes["email"] = _check_email(changes["email"], problems, exclude_pk=user.pk)
    if "phone_number" in changes:
        try:
            changes["phone_number"] = normalize_phone_number(changes["phone_number"] or "")
        except ValidationError as exc:
            problems.append(
                DomainError(exc.messages[0], code=Code.PHONE_INVALID, field="phone_number")
            )
    if "time_zone" in changes:
        try:
            validate_time_zone(changes["time_zone"])
        except ValidationError as exc:
            problems.append(
                DomainError(exc.messages[0], code=Code.TIME_ZONE_INVALID, field="time_zone")
            )
    photo = changes.get("profile_photo")
    if photo:
        try:
            validate_profile_photo(photo)
        except ValidationError as exc:
            problems.append(
                DomainError(exc.messages[0], code=Code.PHOTO_INVALID, field="profile_photo")
            )
    return changes


def _apply_profile_changes(user: User, changes: dict) -> None:
    """Set the checked changes on ``user`` (not saved); an empty photo removes the stored one."""
    for field, value in changes.items():
        if field == "profile_photo" and not value:
            if user.profile_photo:
                user.profile_photo.delete(save=False)
            user.profile_photo = None
        elif field in ("first_name", "last_name"):
            setattr(user, field, (value or "").strip())
        else:
            setattr(user, field, value)


def update_notification_settings(
    *, user: User, settings_pk: int, **changes
) -> NotificationSettings:
    """Change the caller's own notification settings; another user's are refused (403)."""
    item = selectors.notification_settings(user=user, pk=settings_pk)
    names = {f.name for f in NotificationSettings._meta.fields} - {"id", "user"}
    unknown = set(changes) - names
    if unknown:
        raise DomainError(f"Unknown setting {sorted(unknown)[0]!r}.", code=Code.UNKNOWN_FIELD)
    for name, value in changes.items():
        setattr(item, name, bool(value))
    item.save()
    return item


# --- Login and tokens ---------------------------------------------------------------------------
def authenticate(*, username: str, password: str, client: str) -> User:
    """The user with these credentials, or a DomainError saying why not.

    Codes: ``bad_credentials`` (with ``unknown_username`` / ``wrong_password`` as finer codes for
    the one contract that documents them), ``inactive``, ``throttled`` (429).
    """
    username = (username or "").strip().lower()
    attempt = login_guard.begin(username=username, client=client)  # 429 past the limit
    user = User.objects.filter(username=username).first()
    if user is None:
        # Run the hasher anyway, as Django's ModelBackend does: an unknown username must take
        # as long to refuse as a wrong password, or the time of the answer tells which it was.
        User().set_password(password or "")
    if user is None or not user.check_password(password or ""):
        code = Code.UNKNOWN_USERNAME if user is None else Code.WRONG_PASSWORD
        raise DomainError("No active account found with the given credentials", code=code)
    login_guard.succeeded(attempt)  # the right password: not a failure
    if not user.is_active:
        raise DomainError("User not activated", code=Code.INACTIVE)
    User.objects.filter(pk=user.pk).update(last_login=timezone.now())
    return user


def authenticate_identity(*, email: str, token: str, client: str) -> User:
    """The user an identity service vouches for (MentorQ's email + lcs_token)."""
    email = (email or "").strip()
    attempt = login_guard.begin(username=email, client=client)  # 429 past the limit
    user = identity_backend().verify(email=email, token=token or "")
    if user is None or not user.is_active:
        raise DomainError("The email and token were not accepted.", code=Code.BAD_CREDENTIALS)
    login_guard.succeeded(attempt)
    return user


def issue_jwt_pair(*, user: User) -> dict[str, str]:
    refresh = tokens.VersionedRefreshToken.for_user(user)
    return {"refresh": str(refresh), "access": str(refresh.access_token)}


def issue_token_key(*, user: User) -> str:
    token, _ = Token.objects.get_or_create(user=user)
    return token.key


def revoke_token_key(*, user: User) -> None:
    Token.objects.filter(user=user).delete()


def end_all_sessions(*, user: User) -> None:
    """Make every token of the account fail at once, on every device and every contract.

    Raises ``token_version`` in one UPDATE, which ends every JWT issued before, access and
    refresh alike (see accounts.tokens), and deletes the token key. Every logout and password
    change comes here. Web sessions (the admin) are left alone: they end with a new password.
    """
    User.objects.filter(pk=user.pk).update(token_version=F("token_version") + 1)
    user.refresh_from_db(fields=["token_version"])
    revoke_token_key(user=user)


def log_out(*, user: User, refresh: str | None = None) -> None:
    """Log the account out everywhere (``end_all_sessions``).

    With ``refresh`` (seed 004), that refresh token must be the caller's own and valid, else a
    DomainError and nothing changes; it is blacklisted too.
    """
    with transaction.atomic():
        if refresh is not None:
            blacklist_refresh_token(user=user, refresh=refresh)
        end_all_sessions(user=user)


def blacklist_refresh_token(*, user: User, refresh: str) -> None:
    """End a session: the refresh token can no longer be used. It must be the caller's own."""
    if not refresh:
        raise DomainError("This field is required.", code=Code.REQUIRED, field="refresh_token")
    try:
        token = RefreshToken(refresh)
    except TokenError as exc:
        raise DomainError(
            "Token is invalid or expired", code=Code.TOKEN_INVALID, field="refresh_token"
        ) from exc
    if str(token.get("user_id")) != str(user.pk):
        raise DomainError(
            "This refresh token belongs to another user.",
            code=Code.TOKEN_NOT_YOURS,
            field="refresh_token",
        )
    token.blacklist()


# --- Password reset (seed 000: djoser's reset_password and reset_password_confirm) -------------
PASSWORD_RESET_EMAILS_PER_MINUTE = 1  # per account: more requests in one minute send nothing


def request_password_reset(*, email: str) -> None:
    """Email a reset link to the active account with this email (any case), if there is one.

    The caller learns nothing either way (djoser's default: 204 for any address). Accounts
    without a usable password (created by an identity service) get nothing, as in djoser. The
    link is PASSWORD_RESET_URL_TEMPLATE with {uid} (the account's pk, base64) and {token}
    (Django's default token generator: it expires after PASSWORD_RESET_TIMEOUT and stops
    working once the password changes, so it serves once). At most one email per account per
    minute: the outbox key carries the minute, so repeated requests cannot flood an inbox.
    """
    email = (email or "").strip()
    user = User.objects.filter(email__iexact=email, is_active=True).first() if email else None
    if user is None or not user.has_usable_password():
        return
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    link = (
        settings.PASSWORD_RESET_URL_TEMPLATE.replace("{base}", settings.PUBLIC_BASE_URL)
        .replace("{uid}", uid)
        .replace("{token}", token)
    )
    hours = max(1, settings.PASSWORD_RESET_TIMEOUT // 3600)
    minute = int(clock.now().timestamp() // 60)
    with transaction.atomic():
        queue_email(
            key=f"password-reset:user:{user.pk}:{minute}",
            kind="password_reset",
            to=user.email,
            subject="Reset your OneOnOne password",
            text=(
                f"Hello {user.first_name or user.username},\n\n"
                f"Someone asked to reset the password of the OneOnOne account '{user.username}'. "
                f"To choose a new password, open this link (it works once, for {hours} hours):\n\n"
                f"{link}\n\nIf it was not you, ignore this email: your password stays as it is.\n"
            ),
        )


def reset_password(*, uid: str, token: str, new_password: str) -> User:
    """Set a new password with a link from ``request_password_reset``; ends every session.

    Errors, as djoser words them: ``uid`` (no such active account), ``token`` (wrong, expired
    or already used), ``new_password`` (the password validators). Two uses of one link at once:
    exactly one wins (the password is replaced only if it is still the one the token was made
    for), the other gets the ``token`` error.
    """
    try:
        pk = row_id(urlsafe_base64_decode(uid or "").decode())
        if pk is None:
            raise ValueError(uid)
        user = User.objects.get(pk=pk, is_active=True)
    except (ValueError, TypeError, UnicodeDecodeError, User.DoesNotExist):
        raise DomainError(
            "Invalid user id or user doesn't exist.", code=Code.INVALID_UID, field="uid"
        ) from None
    bad_token = DomainError("Invalid token for given user.", code=Code.INVALID_TOKEN, field="token")
    if not default_token_generator.check_token(user, token or ""):
        raise bad_token
    problems: list[DomainError] = []
    _check_password(new_password, user, problems, field="new_password")
    _raise_if(problems)
    hashed = make_password(new_password)  # slow on purpose: outside the transaction
    with transaction.atomic():
        replaced = User.objects.filter(pk=user.pk, password=user.password).update(password=hashed)
        if not replaced:  # the password changed meanwhile (the same link used twice at once)
            raise bad_token
        end_all_sessions(user=user)
    user.password = hashed
    return user
