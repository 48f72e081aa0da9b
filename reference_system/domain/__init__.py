"""The court's rules, in plain Python: no web, no database, only the standard library."""
