"""statusgen: OpenAPI status resources -> typed Python models and pollers."""
