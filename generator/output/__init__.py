"""Output stage, and the one boundary of incremental builds.

- `formatter`: rendered source to black's text, reusing every piece it can; the one thing
  render asks of it is `piece_of`.
- `manifest`: each package's manifest, read once a run (freshness, known pieces and items).
- `mode`: black's pinned settings (`style`: the line length render shares); `servers`: the
  forked formatting and validating processes.
- `cache`: formatted pieces kept between runs, in the one cache directory (`cache_dir`).
- `tool`: what of statusgen can change output (the tool fingerprint); `header`: which files
  are statusgen's; `digest`: the one digest.
- `write`: the files compared or written atomically under `--out`.
"""
