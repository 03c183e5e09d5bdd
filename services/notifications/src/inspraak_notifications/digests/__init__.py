"""Digests: the daily one for moderators who chose it, the weekly one for department heads."""
