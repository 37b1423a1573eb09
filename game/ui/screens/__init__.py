"""The window's screens, one module each: start, setup, briefing, turn, what happened, hand-over,
end, and the pause menu, settings, help, load and save dialogs."""
