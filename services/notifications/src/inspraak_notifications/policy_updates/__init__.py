"""The policy-maker update at launch and every three months: figures, chart, draft, sending."""
