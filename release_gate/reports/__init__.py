"""The gate's reports: readiness.json for machines, .md for a PR comment, .html for people, JUnit for CI."""
