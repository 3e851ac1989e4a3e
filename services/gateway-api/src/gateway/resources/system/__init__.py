"""Health, the test merchant and job status."""
