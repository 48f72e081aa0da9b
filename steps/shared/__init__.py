"""Steps shared by several features, gathered into `steps/conftest.py`."""
