"""Tests of the security catalogue (shared/docs/security-cases.md) that no single app owns:
headers, cross-cutting permission sweeps, fuzzing and the stateful role machine. The map of
every case to its tests is docs/security.md."""
