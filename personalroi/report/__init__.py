"""Renderers: each turns the JSON-shaped result into a string or a rich renderable.

Every renderer reads the same dict (SPEC section 5), so `personalroi report`
renders a saved result exactly as the live audit did.
"""
