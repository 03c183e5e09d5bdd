"""The web application's frame: languages and texts, page templates, the municipality's
look, and how pages call the services on the person's behalf."""
