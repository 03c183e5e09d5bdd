"""The project moderator's screens: the project editor (page, phases with their surveys,
scenarios and budget items, map area, submission), official responses and results."""
