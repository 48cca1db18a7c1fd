"""Knots and links: diagrams, the Kauffman bracket and the Jones polynomial."""
