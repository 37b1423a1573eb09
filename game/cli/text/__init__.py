"""Terminal play: plain lines in, plain lines out, so it works on any terminal, piped or read aloud."""
