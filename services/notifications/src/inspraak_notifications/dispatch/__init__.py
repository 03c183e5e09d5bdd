"""From events to notifications: who is told what, in their feed and by e-mail."""
