"""Project pages: content, lifecycle, visibility, access, followers."""
