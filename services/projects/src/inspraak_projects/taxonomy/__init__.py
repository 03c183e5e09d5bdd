"""Areas (neighbourhoods) and topics that projects are tagged with."""
