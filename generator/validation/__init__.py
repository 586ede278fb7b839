"""Validation stage: openapi-spec-validator's findings sorted into errors and warnings
(`findings`, `leniency`), run beside the pipeline (`process`) and kept between runs (`cache`)."""
