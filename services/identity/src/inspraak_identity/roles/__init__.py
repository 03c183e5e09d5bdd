"""Roles: tenant-wide (realm roles), scoped (department, project) and time-boxed support."""
