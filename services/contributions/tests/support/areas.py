"""Areas of the test municipality, and residents who declared one (the `inspraak_area` claim)."""

NORTH = "0b7c1a52-5d0e-4f5e-9a31-3f1f0f6d2a01"
HARBOUR = "6c2e9d1b-7a44-4c3b-8e0f-2b9d5f7e1c02"
SOUTH = "d41f8e3a-2b6c-4d7e-9f10-5a3c7b9e4d03"
# nina lives in NORTH, hugo in HARBOUR, olaf in SOUTH; the other residents declared none.
AREA_RESIDENTS = {"nina": NORTH, "hugo": HARBOUR, "olaf": SOUTH}
