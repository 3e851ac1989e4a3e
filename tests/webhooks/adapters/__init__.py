"""The webhooks service's adapters against real local I/O (sockets), without the stack."""
