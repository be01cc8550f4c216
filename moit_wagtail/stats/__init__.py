"""Visitor statistics (seed 1.10): privacy-respecting counting without third-party scripts."""
