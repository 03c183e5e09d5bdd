"""Project updates: news posts that inform a project's followers."""
