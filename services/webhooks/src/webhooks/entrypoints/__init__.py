"""How the webhooks service is run: the worker process and the sample receiver."""
