"""What the user touches: the command line (`arguments`, `cli`), `[tool.statusgen]` (`config`),
what a run takes (`choices`), and what it reports (`report`, `progress`)."""
