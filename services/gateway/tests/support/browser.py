"""Headless Chromium (Debian's, driven by Playwright) and axe-core from npm for the pages.

The municipality's host name resolves to the test gateway inside the browser, so pages are
seen exactly as on the municipality's own address (host-based tenant, cookies per host).
"""

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE = Path(__file__).resolve().parents[2] / "web" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
# WCAG 2.2 AA as axe-core checks it.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def chromium_executable() -> str:
    explicit = os.environ.get("INSPRAAK_CHROMIUM")
    found = explicit or shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        pytest.fail(
            "The browser tests need Chromium: `apt-get install -y chromium` (Debian), or set "
            "INSPRAAK_CHROMIUM to a Chromium executable.",
            pytrace=False,
        )
    return found


async def axe_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it is now (evaluated by the browser's devtools
    channel, so the page's CSP, which forbids inline scripts, does not stand in the way)."""
    # Into every frame (a widget preview too): axe checks a frame only where it runs.
    for frame in page.frames:
        if not await frame.evaluate("() => typeof window.axe !== 'undefined'"):
            await frame.evaluate(AXE.read_text(encoding="utf-8"))
    result = await page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))"
        ".violations.map(v => ({id: v.id, impact: v.impact, help: v.help, "
        "nodes: v.nodes.map(n => n.target.join(' '))}))",
        AXE_TAGS,
    )
    return list(result)


def describe(violations: list[dict[str, Any]]) -> str:
    return json.dumps(violations, indent=2)


async def screenshot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
