"""The superadmin's screens beyond the overview: bulk invitations, departments, tenant
settings and terms, support access and its audit, the mail outbox, and the widget
configurator (also for communications and the IT officer)."""
