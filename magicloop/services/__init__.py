"""Use cases in plain Python. Each takes a DB session and, where it acts for
someone, the acting user; authorization is checked here through `policy`."""
