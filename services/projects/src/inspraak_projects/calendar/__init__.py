"""The content calendar: iCalendar feeds of phases, publications and evaluation moments."""
