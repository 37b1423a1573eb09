"""The classroom around the game: role briefings, the debrief of one game, a class's results, the
teacher's guide as a printable page and offline installs for school machines.

Everything here reads scenarios and game records and writes self-contained HTML (inline CSS and
SVG, no scripts, nothing fetched from the network) that prints on A4 or Letter. Wording comes from
`game.present`, the numbers from the engine, the batch engine and the match runner.
"""
