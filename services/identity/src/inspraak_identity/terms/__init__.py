"""The tenant's terms of use that external project moderators agree to."""
