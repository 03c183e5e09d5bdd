"""What happened on the platform, as dated facts: the figures of digests and policy-maker updates.

A read model fed by contributions events (inputs, comments, tallies, reports) and
registrations; it holds no texts beyond input titles and pseudonymises erased people.
"""
