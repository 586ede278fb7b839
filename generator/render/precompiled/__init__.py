"""The templates compiled by Jinja (see `render.precompile`); written by `make generate`."""

KEY = "57e957f3c075e29fcfd8b78cedf8c982"
