"""Output stage: black on rendered source (`format`), formatted pieces kept between runs
(`cache`), what makes output what it is (`fingerprint`), and the files compared or written
atomically under `--out` (`write`)."""
