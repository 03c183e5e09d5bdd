"""Staff screens: the superadmin's overview and team, a department head's approvals and a
moderator's moderation queue. Each service decides who may see and do what; these pages
show a role the screens it has and pass its actions on."""
