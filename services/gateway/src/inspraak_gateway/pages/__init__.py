"""The web application's pages, one package per area: residents, account, staff."""
