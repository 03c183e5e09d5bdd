"""The in-app notification feed of each person: newest first, unread count, mark as read."""
