"""Mentor and mentee profiles: about me, skills, team number."""

from django.db import IntegrityError, transaction

from accounts.models import User
from core.errors import DomainError, InvalidInput, NotFound
from mentoring import rules
from mentoring.errors import Code
from mentoring.models import MenteeProfile, MentorProfile, Skill

MAX_TEAM_NUMBER = 1_000_000
MAX_ABOUT_ME = 2000  # characters

_UNSET = object()


def _skill_objects(names: list[str]) -> list[Skill]:
    result = []
    for name in names:
        skill = Skill.objects.filter(name__iexact=name).first()
        if skill is None:
            try:
                with transaction.atomic():
                    skill = Skill.objects.create(name=name)
            except IntegrityError:  # created concurrently under another spelling
                skill = Skill.objects.get(name__iexact=name)
        result.append(skill)
    return result


def _clean_team_number(value, problems: list[DomainError]):
    if value is None or value == "":
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = -1
    if isinstance(value, bool) or number < 0 or number > MAX_TEAM_NUMBER:
        problems.append(
            DomainError(
                f"Team number must be a whole number from 0 to {MAX_TEAM_NUMBER}.",
                code=Code.TEAM_NUMBER_INVALID,
                field="team_number",
            )
        )
        return None
    return number


def _clean_about_me(value, problems: list[DomainError]) -> str:
    text = (value or "").strip()
    if len(text) > MAX_ABOUT_ME:
        problems.append(
            DomainError(
                f"At most {MAX_ABOUT_ME} characters.", code=Code.ABOUT_ME_INVALID, field="about_me"
            )
        )
    return text


def create_mentor_profile(
    *, user: User, about_me: str = "", skills=None, team_number=None
) -> MentorProfile:
    """The caller's mentor profile. Only mentors (``is_mentor``) have one, and only one."""
    rules.check_is_mentor(user, to="have a mentor profile")
    problems: list[DomainError] = []
    about_me = _clean_about_me(about_me, problems)
    team_number = _clean_team_number(team_number, problems)
    if problems:
        raise InvalidInput(problems)
    names = rules.skill_names(skills)
    try:
        with transaction.atomic():
            profile = MentorProfile.objects.create(
                user=user, about_me=about_me, team_number=team_number
            )
            profile.skills.set(_skill_objects(names))
    except IntegrityError as exc:
        raise DomainError(
            "You already have a mentor profile: change it instead.",
            code=Code.PROFILE_EXISTS,
        ) from exc
    return profile


def _own_mentor_profile(user: User) -> MentorProfile:
    profile = MentorProfile.objects.filter(user=user).first()
    if profile is None:
        raise NotFound("You have no mentor profile yet.", code=Code.NO_PROFILE)
    return profile


def update_mentor_profile(
    *, user: User, about_me=_UNSET, skills=_UNSET, team_number=_UNSET
) -> MentorProfile:
    """Change any of about_me, skills (replaces the set), team_number of the caller's profile."""
    profile = _own_mentor_profile(user)
    problems: list[DomainError] = []
    if about_me is not _UNSET:
        profile.about_me = _clean_about_me(about_me, problems)
    if team_number is not _UNSET:
        profile.team_number = _clean_team_number(team_number, problems)
    if problems:
        raise InvalidInput(problems)
    names = None if skills is _UNSET else rules.skill_names(skills)
    with transaction.atomic():
        profile.save()
        if names is not None:
            profile.skills.set(_skill_objects(names))
    return profile


def delete_mentor_profile(*, user: User) -> None:
    """Remove about_me, skills and team number. Availability and sessions are kept."""
    _own_mentor_profile(user).delete()


def create_mentee_profile(*, user: User, team_number=None) -> MenteeProfile:
    rules.check_is_mentee(user, to="have a mentee profile")
    problems: list[DomainError] = []
    team_number = _clean_team_number(team_number, problems)
    if problems:
        raise InvalidInput(problems)
    try:
        with transaction.atomic():
            return MenteeProfile.objects.create(user=user, team_number=team_number)
    except IntegrityError as exc:
        raise DomainError(
            "You already have a mentee profile: change it instead.",
            code=Code.PROFILE_EXISTS,
        ) from exc


def _own_mentee_profile(user: User) -> MenteeProfile:
    profile = MenteeProfile.objects.filter(user=user).first()
    if profile is None:
        raise NotFound("You have no mentee profile yet.", code=Code.NO_PROFILE)
    return profile


def update_mentee_profile(*, user: User, team_number=_UNSET) -> MenteeProfile:
    profile = _own_mentee_profile(user)
    if team_number is not _UNSET:
        problems: list[DomainError] = []
        profile.team_number = _clean_team_number(team_number, problems)
        if problems:
            raise InvalidInput(problems)
        profile.save()
    return profile


def delete_mentee_profile(*, user: User) -> None:
    _own_mentee_profile(user).delete()
