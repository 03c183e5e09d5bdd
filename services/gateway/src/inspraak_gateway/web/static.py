"""The pages' own CSS and the NL Design System files `tools/build-assets.sh` installs."""

import logging
from pathlib import Path

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
VENDOR_FILES = (
    "vendor/utrecht-components.css",
    "vendor/utrecht-tokens.css",
    "vendor/leaflet/leaflet.js",
    "vendor/leaflet/leaflet.css",
)

logger = logging.getLogger("inspraak.gateway.web")


def require_vendor_files() -> None:
    """Pages without their style sheets still work, but look broken: say why, loudly."""
    missing = [name for name in VENDOR_FILES if not (STATIC_DIR / name).is_file()]
    if missing:
        logger.error(
            "web assets missing (%s): run services/gateway/tools/build-assets.sh",
            ", ".join(missing),
        )
