import torch
import torch.nn.functional as F


def drop_block_gamma(p, block_size, height, width):
    """The rate of block centres (Ghiasi et al. 2018, eq. 1): about a fraction
    p of the positions end up in a dropped block, ignoring overlaps."""
    valid = (height - block_size + 1) * (width - block_size + 1)
    return p * height * width / (block_size**2 * valid)


def drop_block2d(x, p, block_size, training=True):
    """DropBlock on (N, C, H, W) input, as in the paper's algorithm: sample
    block centres where a whole block fits, zero a square of side block_size
    around each, and rescale by the positions over those kept. block_size is
    odd."""
    if not training or p == 0:
        return x
    n, c, h, w = x.shape
    gamma = drop_block_gamma(p, block_size, h, w)
    size = (n, c, h - block_size + 1, w - block_size + 1)
    centres = torch.empty(size).bernoulli_(gamma)
    # Centres sit where the whole block fits; padding puts them on the grid.
    centres = F.pad(centres, [block_size // 2] * 4)
    # A max-pool spreads each centre over its block_size x block_size square.
    dropped = F.max_pool2d(centres, kernel_size=block_size, stride=1,
                           padding=block_size // 2)
    mask = 1 - dropped
    return x * mask * (mask.numel() / mask.sum())
