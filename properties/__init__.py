"""Property-based and fuzz suites: a Hypothesis model of the case lifecycle driven over the API, and
Schemathesis over the OpenAPI contract. They talk HTTP only and never import the platform."""
