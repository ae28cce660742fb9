"""SCIM 2.0 provisioning of an organization's people and role groups."""
