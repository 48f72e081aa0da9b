"""Seeded faults: real defect classes that can be switched into a test-mode build, by name.

Each fault replaces one small piece of the platform with a buggy variant (a dropped line, a wrong
comparison, a missing check), the way a bad build would; nothing announces which faults are on. The gate's
`prove` command runs against each to measure what the gate would have caught. Settings refuse faults
outside test mode.
"""

from .catalogue import CATALOGUE, Fault, UnknownFault, activate

__all__ = ["CATALOGUE", "Fault", "UnknownFault", "activate"]
