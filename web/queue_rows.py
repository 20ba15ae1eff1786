"""The rows of the mentors' live queue (``web/helpqueue/_queue.html``) as HTML, made in Python.

The list has a row per live ticket (a thousand in a busy hour) and every mentor's page asks for
it again when the queue changes: Django's template engine spent about 0.1 ms a row on it, these
format strings a tenth of that. The markup is the template's, row for row; every value from the
database is escaped here (``html.escape``, what Django's autoescape does).
"""

from html import escape

from django.utils.safestring import SafeString, mark_safe

#: An open ticket's row: its place, link, comment, owner, where, since when, the Claim button.
OPEN_ROW = """
      <tr>
        <td data-label="Place">{position}</td>
        <td><a href="{url}"><strong>{title}</strong></a>{comment}<br><span class="muted">by {owner}</span></td>
        <td>{where}</td>
        <td data-label="Waiting since">{since}</td>
        <td>{actions}</td>
      </tr>"""  # noqa: E501 (markup as the page has it)

#: A claimed ticket's row: link, owner, where, its mentor and since when, Close and Release.
CLAIMED_ROW = """
      <tr>
        <td><a href="{url}"><strong>{title}</strong></a><br><span class="muted">by {owner}</span></td>
        <td>{where}</td>
        <td>{mentor} since {since}</td>
        <td>{actions}</td>
      </tr>"""  # noqa: E501

#: A button of a row: a form that posts a new status (htmx: the answer replaces the list).
BUTTON = (
    '<form class="inline" method="post" action="{url}" hx-post="{url}" hx-target="#queue"'
    ' hx-swap="outerHTML">{csrf}<input type="hidden" name="status" value="{status}">'
    '<input type="hidden" name="from" value="queue"><input type="hidden" name="next"'
    ' value="{back}"><button type="submit"{style}>{label}<span class="sr-only"> {title}</span>'
    "</button></form>"
)

NO_PLACE = "\N{EN DASH}"


def _where(location: str, contact: str) -> str:
    where = escape(location) if location else NO_PLACE
    return f"{where}<br>{escape(contact)}" if contact else where


def open_rows(rows: list[dict], *, csrf: str, back: str) -> SafeString:
    """``rows`` (``title``, ``url``, ``status_url``, ``owner``, ``location``, ``contact``,
    ``position``, ``comment``, ``since``, ``mine``) as the table's rows."""
    out = []
    back = escape(back)
    for row in rows:
        title = escape(row["title"])
        if row["mine"]:
            actions = '<span class="muted">your own</span>'
        else:
            actions = BUTTON.format(
                url=escape(row["status_url"]),
                csrf=csrf,
                status="CLAIMED",
                back=back,
                style="",
                label="Claim",
                title=title,
            )
        comment = row["comment"]
        out.append(
            OPEN_ROW.format(
                position=row["position"],
                url=escape(row["url"]),
                title=title,
                comment=f'<br><span class="muted">{escape(comment)}</span>' if comment else "",
                owner=escape(row["owner"]),
                where=_where(row["location"], row["contact"]),
                since=escape(row["since"]),
                actions=actions,
            )
        )
    return mark_safe("".join(out))  # every value above is escaped


def claimed_rows(rows: list[dict], *, csrf: str, back: str) -> SafeString:
    """``rows`` (``title``, ``url``, ``status_url``, ``owner``, ``location``, ``contact``,
    ``mentor``, ``since``, ``mine``) as the table's rows; the viewer's own have the buttons."""
    out = []
    back = escape(back)
    for row in rows:
        title = escape(row["title"])
        if row["mine"]:
            url = escape(row["status_url"])
            mentor = "<strong>you</strong>"
            actions = (
                BUTTON.format(
                    url=url,
                    csrf=csrf,
                    status="CLOSED",
                    back=back,
                    style="",
                    label="Close",
                    title=title,
                )
                + " "
                + BUTTON.format(
                    url=url,
                    csrf=csrf,
                    status="OPEN",
                    back=back,
                    style=' class="secondary"',
                    label="Release",
                    title=title,
                )
            )
        else:
            mentor, actions = escape(row["mentor"]), ""
        out.append(
            CLAIMED_ROW.format(
                url=escape(row["url"]),
                title=title,
                owner=escape(row["owner"]),
                where=_where(row["location"], row["contact"]),
                mentor=mentor,
                since=escape(row["since"]),
                actions=actions,
            )
        )
    return mark_safe("".join(out))  # every value above is escaped
