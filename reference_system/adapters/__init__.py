"""Adapters: the database, the clock and the agencies' HTTP APIs, behind small interfaces."""
