"""The department head's screen: their department's projects and moderators, and the
weekly digest."""
