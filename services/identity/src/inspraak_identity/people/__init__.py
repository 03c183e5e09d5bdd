"""People: registration, public profiles (username only), the person's own data, erasure."""
