"""Names of other people inside stored notification parameters, and how to remove them."""

from typing import Any

# Parameters that hold another person's username (never an e-mail address).
NAME_KEYS = ("author", "username", "inviter", "sender")


def scrub_names(params: dict[str, Any]) -> dict[str, Any]:
    """The parameters without anyone's username; texts then say "someone"."""
    clean = {k: v for k, v in params.items() if k not in NAME_KEYS}
    if isinstance(params.get("items"), list):
        clean["items"] = [
            scrub_names(item) if isinstance(item, dict) else item for item in params["items"]
        ]
    return clean
