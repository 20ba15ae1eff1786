"""Invitees pasted in bulk (``Name <email>`` lines) or uploaded as CSV (name and email columns).

Reading only: every line is read and every bad one reported with its number, before anything
is written. Whether an address may be invited is still for the services to say.
"""

import csv
import io
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

MAX_PEOPLE = 1000
ANGLE = re.compile(r"^\s*(?P<name>[^<>]*?)\s*<\s*(?P<email>[^<>\s]+)\s*>\s*$")


@dataclass(frozen=True)
class Person:
    line: int
    first_name: str
    last_name: str
    email: str


@dataclass(frozen=True)
class BadLine:
    source: str  # "Pasted list" or the file's name
    line: int
    text: str
    reason: str

    def __str__(self):
        shown = self.text if len(self.text) <= 60 else self.text[:57] + "..."
        return f"{self.source}, line {self.line} (“{shown}”): {self.reason}"


def _person(line: int, name: str, email: str, source: str, raw: str):
    name = " ".join(name.replace('"', " ").split())
    email = email.strip()
    try:
        validate_email(email)
    except ValidationError:
        return BadLine(source, line, raw, "this is not a valid email address.")
    first, _, last = name.rpartition(" ")
    if not first:
        return BadLine(
            source, line, raw, "write the person's first and last name before the email."
        )
    if len(first) > 150 or len(last) > 150:
        return BadLine(source, line, raw, "the name is longer than 150 characters.")
    return Person(line, first, last, email)


def read_pasted(text: str, source: str = "Pasted list") -> tuple[list[Person], list[BadLine]]:
    """Lines of ``Name <email>`` or ``Name, email``; blank lines are skipped."""
    people, bad = [], []
    for number, raw in enumerate((text or "").splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        match = ANGLE.match(line)
        if match:
            found = _person(number, match["name"], match["email"], source, line)
        elif "," in line or ";" in line or "\t" in line:
            parts = re.split(r"[,;\t]", line)
            found = _person(number, parts[0], parts[-1], source, line)
        else:
            found = BadLine(source, number, line, "write it as Name <email> or Name, email.")
        (people if isinstance(found, Person) else bad).append(found)
    return people, bad


def read_csv(upload) -> tuple[list[Person], list[BadLine]]:
    """A CSV file with a header naming its columns: ``name`` (or ``first_name`` and
    ``last_name``) and ``email``; any other column is ignored."""
    source = f"File {upload.name}"
    try:
        text = upload.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [BadLine(source, 1, "", "the file is not UTF-8 text; save it as CSV (UTF-8).")]
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(io.StringIO(text), dialect))
    if not rows:
        return [], [BadLine(source, 1, "", "the file is empty.")]
    header = [cell.strip().lower().replace(" ", "_") for cell in rows[0]]
    if "email" not in header or not (
        {"name"} <= set(header) or {"first_name", "last_name"} <= set(header)
    ):
        return [], [
            BadLine(
                source,
                1,
                ",".join(rows[0]),
                "the first line must name the columns: name and email "
                "(or first_name, last_name and email).",
            )
        ]
    people, bad = [], []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        values = dict(zip(header, (cell.strip() for cell in row), strict=False))
        name = values.get("name") or f"{values.get('first_name', '')} {values.get('last_name', '')}"
        found = _person(number, name, values.get("email", ""), source, ",".join(row))
        (people if isinstance(found, Person) else bad).append(found)
    return people, bad


def deduplicated(people: list[Person]) -> list[Person]:
    """Each address once (the first line that gives it), whatever its case."""
    seen, result = set(), []
    for person in people:
        key = person.email.lower()
        if key not in seen:
            seen.add(key)
            result.append(person)
    return result
