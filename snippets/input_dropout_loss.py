"""Squared loss of a linear model under inverted dropout on its inputs.

For one example (x, y) and masks m_j ~ Bernoulli(q) with q = 1 - p:
    E_m[(y - w . (m * x) / q)**2]
        = (y - w . x)**2 + (p / q) * sum_j w_j**2 * x_j**2.
"""
import torch

from snippets.mask_enumeration import all_masks, expectation, mask_probabilities


def loss_per_mask(X, y, w, p):
    """Squared loss of every example (rows of X) under every mask of its
    d inputs, shape (2**d, N); and the masks' probabilities, (2**d,)."""
    masks = all_masks(X.shape[1], dtype=X.dtype)
    # (2**d, N)
    predictions = (masks[:, None, :] * X) @ w / (1 - p)
    return (y - predictions) ** 2, mask_probabilities(masks, p)


def expected_loss_enumerated(X, y, w, p):
    """Each example's expected loss, averaged exactly over all masks."""
    losses, probs = loss_per_mask(X, y, w, p)
    return expectation(losses, probs)


def expected_loss_closed_form(X, y, w, p):
    """Plain squared loss plus the penalty (p / q) sum_j w_j**2 x_j**2."""
    return (y - X @ w) ** 2 + p / (1 - p) * (X**2) @ (w**2)


def dropout_ridge_solution(X, y, p):
    """The minimiser of the summed expected loss: ridge regression with
    penalty (p / q) * sum_i x_ij**2 on w_j, i.e.
    w = (X^T X + (p / q) diag(X^T X))^-1 X^T y."""
    gram = X.T @ X
    penalty = p / (1 - p) * torch.diag(torch.diag(gram))
    return torch.linalg.solve(gram + penalty, X.T @ y)
