"""Events of every audited change, the event feed and signed webhooks (Standard Webhooks)."""
