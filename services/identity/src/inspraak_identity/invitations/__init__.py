"""Invitations: bringing staff and partners onto the platform with a role."""
