"""Team overview: who is who, who does what, and each person's onboarding checklist."""
