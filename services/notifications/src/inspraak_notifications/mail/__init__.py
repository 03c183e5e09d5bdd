"""E-mail: the mail outbox table, rendering, SMTP delivery with retries, and the outbox view."""
