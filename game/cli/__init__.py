"""Command-line front ends: one module per subcommand of `python run.py`."""
