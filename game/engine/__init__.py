"""The pure engine core: state, resolution, negotiation, events, phases and observations.

Nothing here imports pygame, touches files or the network, reads the clock or uses global
random state: same scenario + seed + choices = the same game, byte for byte.
"""
