"""Input stage: spec files found (`discover`), read safely (`documents`, `yaml_events`),
changed by overlays (`overlay`), bundled with a `$ref` resolver (`load`), and a diagnostic's
line and column found again when one is shown (`positions`)."""
