"""Use cases: short functions that take a command and a unit of work and apply the court's rules."""
