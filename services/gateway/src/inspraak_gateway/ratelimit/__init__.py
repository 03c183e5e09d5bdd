"""Rate limits on sign-up, sign-in, posting and voting, per person and per address."""
