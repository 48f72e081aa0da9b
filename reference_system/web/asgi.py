"""The ASGI entry point uvicorn imports (settings come from the environment the serve command set)."""

from ..settings import Settings
from .app import create_app

app = create_app(Settings())
