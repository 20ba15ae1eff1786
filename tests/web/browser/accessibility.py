"""axe-core, run in the page by Playwright: its serious and critical findings, readable."""

from pathlib import Path

#: axe-core (MPL-2.0, see axe.LICENSE), from the npm registry: ``npm pack axe-core@4``.
AXE = Path(__file__).with_name("axe.min.js")


def serious_accessibility_problems(page) -> list[str]:
    """axe-core's serious and critical violations on the page as it is, one readable line each:
    rule, impact, what it means, and the elements (CSS selectors) that break it."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> "
        + "; ".join(" ".join(map(str, node["target"])) for node in v["nodes"][:5])
        + (f" (and {len(v['nodes']) - 5} more)" if len(v["nodes"]) > 5 else "")
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]
