"""Who people are to this service: e-mail, language, username, roles, and the tenants.

A read model fed by the identity service's events; nothing here is edited by people.
"""
