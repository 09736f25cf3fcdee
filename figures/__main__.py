"""Redraw every figure into docs/figures/: `.venv/bin/python -m figures` (or `make figures`)."""
import torch

from figures import drawings

torch.set_num_threads(1)  # the figures are small; one thread is faster and the same everywhere
for _, drawing in drawings():
    print(drawing.write().relative_to(drawing.path.parents[2]))
