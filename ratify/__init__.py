"""ratify: a multilingual static site generator for human-rights treaty campaigns."""
