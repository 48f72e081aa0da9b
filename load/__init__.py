"""Load suite: Locust personas over the API, the court-day shape, SLOs and reconciliation (see README.md)."""
