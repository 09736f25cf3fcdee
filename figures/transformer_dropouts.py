"""transformers.md: where the dropouts sit in nn.TransformerEncoderLayer (post-norm, PyTorch's
default). Nothing about the layer is written here by hand but the residual adds, which are no
modules: the steps are the layer's sub-modules in the order a forward pass calls them (forward
hooks), the dropouts are the nn.Dropout among them plus MultiheadAttention's own `dropout`
attribute (a rate, applied with F.dropout to the attention weights), and the drawn order is
checked by recomputing the layer's output from those steps."""
import torch
from torch import nn

from figures.svg import INK, MUTED, ORANGE, PAPER, Drawing, label

D_MODEL, HEADS, FEEDFORWARD, P = 16, 2, 32, 0.1


def layer():
    return nn.TransformerEncoderLayer(D_MODEL, HEADS, FEEDFORWARD, dropout=P)


def steps():
    """[(name, module)] of the layer's sub-modules in the order its forward pass calls them."""
    model = layer()
    called = []
    children = dict(model.named_children())
    handles = [module.register_forward_hook(lambda m, args, out, name=name: called.append(name))
               for name, module in children.items()]
    model(torch.randn(5, 1, D_MODEL))  # training mode: the path with every dropout
    for handle in handles:
        handle.remove()
    return model, [(name, children[name]) for name in called]


def recomputed(model, order):
    """The layer's output in evaluation mode, recomputed from the called steps: each LayerNorm
    normalises the residual sum of its block's input and the steps before it; the activation
    follows the first linear layer of the feed-forward block."""
    x = torch.randn(5, 1, D_MODEL)
    model.eval()
    block_input, h = x, x
    for name, module in order:
        if isinstance(module, nn.MultiheadAttention):
            h = module(h, h, h, need_weights=False)[0]
        elif isinstance(module, nn.LayerNorm):
            h = block_input = module(block_input + h)
        else:
            h = module(h)
            if name == "linear1":
                h = model.activation(h)
    assert torch.allclose(h, model(x), atol=1e-6), "the drawn order is not the layer's"
    return True


def attention_weights_dropped(model):
    """MultiheadAttention returns its attention weights after its dropout in training: each is 0
    or its evaluation-mode value times 1/(1 - p), whatever the mask."""
    attention = model.self_attn
    x = torch.randn(6, 1, D_MODEL)
    attention.eval()
    exact = attention(x, x, x, average_attn_weights=False)[1]
    attention.train()
    dropped = attention(x, x, x, average_attn_weights=False)[1]
    kept = dropped != 0
    assert torch.allclose(dropped[kept], exact[kept] / (1 - attention.dropout), atol=1e-6)
    return attention.dropout


def facts():
    model, order = steps()
    recomputed(model, order)
    rows = []
    for name, module in order:
        if isinstance(module, nn.MultiheadAttention):
            rows.append({"name": name, "kind": "MultiheadAttention",
                         "dropout": attention_weights_dropped(model)})
        else:
            rows.append({"name": name, "kind": type(module).__name__,
                         "dropout": module.p if isinstance(module, nn.Dropout) else None})
        if name == "linear1":
            rows.append({"name": model.activation.__name__, "kind": "activation", "dropout": None})
    return {"d_model": D_MODEL, "nhead": HEADS, "dim_feedforward": FEEDFORWARD,
            "norm_first": model.norm_first, "steps": rows}


def box_text(row):
    if row["kind"] == "activation":
        return f"activation: {row['name']}"
    if row["kind"] == "Dropout":
        return f"{row['name']}: nn.Dropout({label(row['dropout'])})"
    return f"{row['name']}: {'nn.' + row['kind'] if row['kind'] != 'MultiheadAttention' else 'attention'}"


def drawings():
    spec = facts()
    rows = spec["steps"]
    dropouts = [r for r in rows if r["dropout"] is not None]
    d = Drawing(
        "transformer-dropouts", 0,  # the height follows from the steps, below
        "Where the dropouts sit in nn.TransformerEncoderLayer",
        "A vertical block diagram of nn.TransformerEncoderLayer in its default post-norm form, "
        "from input to output: " + ", ".join(box_text(r) for r in rows)
        + f". Dropout acts in {len(dropouts)} places: on the attention weights inside "
        "self-attention, after attention before the first residual add, inside the feed-forward "
        "block after the activation, and after the feed-forward block before the second "
        f"residual add, each with p = {label(P)}.",
        spec,
    )
    d.heading("Dropouts in nn.TransformerEncoderLayer")
    left, width, rail = 56, 292, 24
    y = 40
    d.text(left + width / 2, y + 14, "input x", size=13, anchor="middle", fill=MUTED)
    y += 22
    block_top = y - 4
    for row in rows:
        is_dropout = row["dropout"] is not None
        if row["kind"] == "LayerNorm":  # the residual add before each norm
            d.line(rail, block_top, left + width / 2, block_top, stroke=MUTED, width=1.5)
            d.line(rail, block_top, rail, y + 10, stroke=MUTED, width=1.5)
            d.line(rail, y + 10, left + width / 2 - 10, y + 10, stroke=MUTED, width=1.5)
            d.circle(left + width / 2, y + 10, 10, fill=PAPER, stroke=INK)
            d.text(left + width / 2, y + 15, "+", size=15, anchor="middle")
            d.text(left + width / 2 + 16, y + 15, "residual add", size=13, fill=MUTED)
            y += 28
        height = 48 if row["kind"] == "MultiheadAttention" else 28
        d.rect(left, y, width, height, fill=PAPER, stroke=ORANGE if is_dropout else INK, rx=5,
               width=2.5 if is_dropout else 1.2)
        d.text(left + 10, y + 19, box_text(row), size=13, fill=ORANGE if row["kind"] == "Dropout" else INK,
               weight="600" if is_dropout else None)
        if row["kind"] == "MultiheadAttention":
            d.text(left + 10, y + 38, f"dropout on its weights, p = {label(row['dropout'])}",
                   size=13, fill=ORANGE, weight="600")
        y += height + 12
        if row["kind"] == "LayerNorm":
            block_top = y - 6
    d.text(left + width / 2, y + 6, "output", size=13, anchor="middle", fill=MUTED)
    d.line(left + width / 2, 58, left + width / 2, y - 12, stroke=MUTED, width=1.5)
    d.parts.insert(0, d.parts.pop())  # the data's path runs under the boxes
    d.text(d.width / 2, y + 34, "orange: dropout, active in model.train() only;", size=13,
           anchor="middle", fill=INK)
    d.text(d.width / 2, y + 52, "model.eval() turns all of them off", size=13, anchor="middle",
           fill=INK)
    d.height = y + 64
    return [d]
