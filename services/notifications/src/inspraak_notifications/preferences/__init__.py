"""Per person and type: e-mail on or off, now or as a daily digest; unsubscribe links."""
