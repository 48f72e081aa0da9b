"""The provider's routers, one per resource."""
