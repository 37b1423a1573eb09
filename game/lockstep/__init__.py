"""The batch engine: many games of one scenario in lockstep, as numpy column operations, with the
one-game engine's rules taken from the same compiled scenario (see game.lockstep.engine)."""
