"""The weekly round-up: select a window's published articles, shape them, render them."""
