"""The audit log: staff reads of personal data and everything support does."""
