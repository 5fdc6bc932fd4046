"""Run the site's snippets, cache what they print and draw, and build pages from it.

One runner serves the test suite and the site build, so a page shows exactly
the output of the run that the suite verified.
"""
