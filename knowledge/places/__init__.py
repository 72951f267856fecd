"""Places: provinces, districts and communes before and after the 1 July 2025 reform."""
