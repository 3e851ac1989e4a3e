"""The ceiling: the smallest Flask JSON endpoint, served exactly as the gateway is served."""
