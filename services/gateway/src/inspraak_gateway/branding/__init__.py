"""Each municipality's name, languages and house style, kept from identity's tenant events."""
