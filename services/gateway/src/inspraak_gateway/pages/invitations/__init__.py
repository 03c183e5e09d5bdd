"""Accepting an invitation from its e-mail link: `/invitations/accept?token=…`."""
