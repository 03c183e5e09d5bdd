"""A signed-in person's own pages: notifications, profile, their data and erasure."""
