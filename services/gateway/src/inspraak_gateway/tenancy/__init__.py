"""Which municipality a request is for: the Host header, looked up at the widget service."""
