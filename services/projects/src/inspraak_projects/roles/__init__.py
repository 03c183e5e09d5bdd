"""Who holds which role, as identity announces it (a read model for snapshots and feeds)."""
