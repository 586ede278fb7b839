"""The templates compiled by Jinja (see `render.precompile`); written by `make generate`."""

KEY = "d4b7bc39849e5ddd178e204ff981f143"
