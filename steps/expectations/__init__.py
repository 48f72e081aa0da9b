"""Expectations: what the court expects to see, asked of actors and asserted in the court's words."""
