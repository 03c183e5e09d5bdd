"""The onboarding guide per role, the terms of use for external moderators, and where a
person lands after their first sign-in."""
