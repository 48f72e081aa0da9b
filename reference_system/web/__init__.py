"""The platform's HTTP surface: the JSON API (contract v1), health and metrics, test-mode controls."""
