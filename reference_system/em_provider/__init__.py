"""A stand-in for the electronic monitoring provider and the prison and probation services.

It is another organisation's system: it shares no code with the rest of `reference_system`, and the
platform reaches it only over HTTP. Its ledger is what the gate reconciles the platform against.
"""
