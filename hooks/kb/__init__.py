"""Plain-Python core of the knowledge base: load, validate and render data.

Nothing in this package imports MkDocs, so it can be tested alone and reused
by another site generator; the files in hooks/ only wire MkDocs events to it.
"""
