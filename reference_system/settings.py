"""One typed settings object for the platform; it refuses placeholder secrets outside test mode."""

from __future__ import annotations

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PLACEHOLDERS = {"", "change-me", "changeme", "secret", "password", "court-test-password"}
TEST_MODE_SECRET = "test-mode-only-secret-key-not-for-production-use"
TEST_MODE_SEED_PASSWORD = "court-test-password"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="COURT_", extra="ignore")

    database_url: str = Field(default="sqlite:///court.db", validation_alias="DATABASE_URL")
    provider_url: str = "http://127.0.0.1:8001"
    test_mode: bool = False
    secret_key: str = "change-me"
    seed_password: str | None = None
    seed: str = "court-day"
    faults: list[str] = []
    # Threads a worker process runs its request handlers on (anyio's default is 40). With several worker
    # processes sharing the cores, fewer threads a process means a writer holding the database's write lock
    # waits less for the GIL, so every other writer waits less for it (see load/README.md).
    request_threads: int = Field(default=40, ge=1)

    token_ttl_seconds: int = 8 * 3600
    sign_in_attempts: int = 5
    sign_in_window_seconds: int = 300

    dispatcher_enabled: bool = True
    dispatch_interval_s: float = 0.2
    dispatch_batch_size: int = 50
    dispatch_concurrency: int = 4
    lease_seconds: float = 30.0
    provider_timeout_s: float = 2.0
    backoff_base_s: float = 0.5
    backoff_max_s: float = 30.0
    failing_after_attempts: int = 5

    @model_validator(mode="after")
    def _refuse_placeholders(self) -> Settings:
        if self.test_mode:
            if self.secret_key in PLACEHOLDERS:
                self.secret_key = TEST_MODE_SECRET
            if self.seed_password is None:
                self.seed_password = TEST_MODE_SEED_PASSWORD
            return self
        if self.secret_key in PLACEHOLDERS or len(self.secret_key) < 32:
            raise ValueError("COURT_SECRET_KEY must be set to a random value of 32 characters or more outside test mode")
        if self.seed_password is not None and (self.seed_password in PLACEHOLDERS or len(self.seed_password) < 12):
            raise ValueError("the seed password must be 12 characters or more and not a placeholder outside test mode")
        if self.faults:
            raise ValueError("faults can only be switched on in test mode")
        return self
