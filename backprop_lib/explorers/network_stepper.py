"""Lesson 2's explorer: walk document 004's 2-2-2 network one unit at a time, forward then backward.

``network_steps`` lists the walk as plain data computed by backprop_lib's layers: every forward
step (순전파) with the unit's value, every backward step (역전파) with the unit's local gradient
σ'(z) = out·(1 − out), the running chain product ∂E/∂z (the δ of the unit) and the gradients of
the weights into it. ``take_update`` applies one gradient-descent step to every weight.
``network_stepper`` shows the walk with buttons.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from ..documents import document_004_start
from ..errors import ShapeError, describe
from ..figures.network import draw_network, named_weights
from ..figures.palette import GRADIENT_TEXT
from ..formatting import format_number
from ..layers import Affine, Sigmoid
from ..losses import SumSquaredError
from ..messages import message
from ..network import Network
from ..optimizers import SGD
from .base import TABLE, Explorer, Frame

LAYER_SIZES = (2, 2, 2)
HIDDEN, OUTPUT = ("h1", "h2"), ("o1", "o2")
WEIGHTS_INTO = {"h1": ("W1", "W2"), "h2": ("W3", "W4"), "o1": ("W5", "W6"), "o2": ("W7", "W8")}
NET_INPUT = {"h1": "z1", "h2": "z2", "o1": "z3", "o2": "z4"}


def _f(value: float) -> str:
    """Document 004's precision: 8 decimals (no "-0")."""
    return format_number(value, ".8f")


@dataclass(frozen=True)
class Step:
    """One stop of the walk through the network.

    phase:            "forward" or "backward";
    nodes, edges:     the units and weights in focus (highlighted);
    formula:          what this step computes, with its numbers;
    headline:         its result in a few words, written under the network's picture;
    value:            forward: the unit's output (or E); backward: the running chain product ∂E/∂z;
    local_gradient:   backward only: the unit's own derivative ∂out/∂z = out·(1 − out);
    weight_gradients: backward only: ∂E/∂W of the weights into the unit, {"W5": …}.
    """

    phase: str
    nodes: tuple[str, ...]
    edges: tuple[str, ...]
    formula: str
    headline: str
    value: float
    local_gradient: float | None = None
    weight_gradients: dict[str, float] = field(default_factory=dict)


def _headline(unit: str, local: float, grad_out: float, delta: float) -> str:
    """The one-line summary of a unit's backward step: ∂E/∂out × local slope = δ, at 4 decimals."""
    return message(
        "stepper.headline",
        unit=unit,
        z=NET_INPUT[unit],
        local=format_number(local, ".4f"),
        grad_out=format_number(grad_out, ".4f"),
        delta=format_number(delta, ".4f"),
    )


def _check_network(network) -> tuple[Affine, Sigmoid, Affine, Sigmoid]:
    """The four layers of a 2-2-2 sigmoid network without biases, or a clear error."""
    layers = list(getattr(network, "layers", []))
    kinds = [type(layer).__name__ for layer in layers]
    if kinds != ["Affine", "Sigmoid", "Affine", "Sigmoid"] or any(layers[i].weights.shape != (2, 2) for i in (0, 2)):
        raise ShapeError(message("error.explorers.stepper_network", kinds=kinds))
    return layers[0], layers[1], layers[2], layers[3]


def network_steps(x: np.ndarray, t: np.ndarray, network: Network) -> list[Step]:
    """Run the network forward and backward with backprop_lib and list every stop of the walk."""
    x, t = np.asarray(x, dtype=np.float64), np.asarray(t, dtype=np.float64)
    if x.shape != (1, 2) or t.shape != (1, 2):
        raise ShapeError(message("error.explorers.stepper_sample", x=describe(x), t=describe(t)))
    hidden, hidden_sigmoid, output, output_sigmoid = _check_network(network)
    loss = SumSquaredError()
    error = loss.forward(network.forward(x), t)
    grad_output_sigmoid = loss.backward()  # ∂E/∂o = o − t
    delta_output = output_sigmoid.backward(grad_output_sigmoid)
    grad_hidden = output.backward(delta_output)  # ∂E/∂h, both paths added
    delta_hidden = hidden_sigmoid.backward(grad_hidden)
    hidden.backward(delta_hidden)
    weights = named_weights([hidden.weights, output.weights])
    grads = named_weights([hidden.grad_weights, output.grad_weights])
    values = {
        "x1": x[0, 0],
        "x2": x[0, 1],
        "t1": t[0, 0],
        "t2": t[0, 1],
        "h1": hidden_sigmoid.out[0, 0],
        "h2": hidden_sigmoid.out[0, 1],
        "o1": output_sigmoid.out[0, 0],
        "o2": output_sigmoid.out[0, 1],
        "z1": hidden.x @ hidden.weights[:, 0],
        "z2": hidden.x @ hidden.weights[:, 1],
        "z3": output.x @ output.weights[:, 0],
        "z4": output.x @ output.weights[:, 1],
    }
    values = {name: float(np.squeeze(value)) for name, value in values.items()}

    steps = [
        Step(
            "forward",
            ("x1", "x2"),
            (),
            message(
                "stepper.inputs",
                x1=format_number(values["x1"], "g"),
                x2=format_number(values["x2"], "g"),
                t1=format_number(values["t1"], "g"),
                t2=format_number(values["t2"], "g"),
            ),
            message("stepper.inputs_enter"),
            values["x1"],
        )
    ]
    sources = {"h1": ("x1", "x2"), "h2": ("x1", "x2"), "o1": ("h1", "h2"), "o2": ("h1", "h2")}
    for unit in HIDDEN + OUTPUT:
        (w_a, w_b), (a, b), z = WEIGHTS_INTO[unit], sources[unit], NET_INPUT[unit]
        shown = {
            name: format_number(values[name], "g") if name.startswith("x") else _f(values[name]) for name in (a, b)
        }
        formula = (
            f"{z} = {w_a}·{a} + {w_b}·{b} = {format_number(weights[w_a], 'g')}×{shown[a]} + "
            f"{format_number(weights[w_b], 'g')}×{shown[b]} = {_f(values[z])};  "
            f"{unit} = σ({z}) = {_f(values[unit])}"
        )
        headline = f"{z} = {format_number(values[z], '.4f')},  {unit} = σ({z}) = {format_number(values[unit], '.4f')}"
        steps.append(Step("forward", (unit,), (w_a, w_b), formula, headline, values[unit]))
    errors = [0.5 * (values[f"t{k}"] - values[f"o{k}"]) ** 2 for k in (1, 2)]
    steps.append(
        Step(
            "forward",
            OUTPUT,
            (),
            f"E = ½(t1 − o1)² + ½(t2 − o2)² = {_f(errors[0])} + {_f(errors[1])} = {_f(error)}",
            message("stepper.error", error=format_number(error, ".4f")),
            error,
        )
    )

    for k, unit in enumerate(OUTPUT):
        out, delta = values[unit], float(delta_output[0, k])
        local = out * (1 - out)
        grad_out = float(grad_output_sigmoid[0, k])
        w_a, w_b = WEIGHTS_INTO[unit]
        formula = (
            f"∂E/∂{unit} = {unit} − t{k + 1} = {_f(grad_out)};  ∂{unit}/∂{NET_INPUT[unit]} = "
            f"{unit}(1 − {unit}) = {_f(local)};  δ{unit} = ∂E/∂{NET_INPUT[unit]} = {_f(grad_out)} × "
            f"{_f(local)} = {_f(delta)};  ∂E/∂{w_a} = δ{unit} × h1 = {_f(grads[w_a])}, "
            f"∂E/∂{w_b} = δ{unit} × h2 = {_f(grads[w_b])}"
        )
        headline = _headline(unit, local, grad_out, delta)
        steps.append(
            Step("backward", (unit,), (w_a, w_b), formula, headline, delta, local, {w_a: grads[w_a], w_b: grads[w_b]})
        )
    for k, unit in enumerate(HIDDEN):
        out, delta = values[unit], float(delta_hidden[0, k])
        local = out * (1 - out)
        grad_out = float(grad_hidden[0, k])
        w_a, w_b = WEIGHTS_INTO[unit]
        to_o1, to_o2 = WEIGHTS_INTO["o1"][k], WEIGHTS_INTO["o2"][k]  # the weights leaving this unit
        formula = (
            f"∂E/∂{unit} = δo1·{to_o1} + δo2·{to_o2} = {_f(grad_out)} ({message('stepper.paths_add')});  "
            f"∂{unit}/∂{NET_INPUT[unit]} = {_f(local)};  δ{unit} = ∂E/∂{NET_INPUT[unit]} = "
            f"{_f(delta)};  ∂E/∂{w_a} = δ{unit} × x1 = {_f(grads[w_a])}, "
            f"∂E/∂{w_b} = δ{unit} × x2 = {_f(grads[w_b])}"
        )
        headline = _headline(unit, local, grad_out, delta)
        steps.append(
            Step(
                "backward",
                (unit,),
                (w_a, w_b, to_o1, to_o2),
                formula,
                headline,
                delta,
                local,
                {w_a: grads[w_a], w_b: grads[w_b]},
            )
        )
    return steps


@dataclass(frozen=True)
class Update:
    """One gradient-descent step (경사 하강법): the weights and the error before and after it."""

    weights_before: dict[str, float]
    weights_after: dict[str, float]
    error_before: float
    error_after: float


def _weights(network) -> dict[str, float]:
    hidden, _, output, _ = _check_network(network)
    return named_weights([hidden.weights, output.weights])


def take_update(x: np.ndarray, t: np.ndarray, network: Network, learning_rate: float = 0.5) -> Update:
    """Change every weight by −learning_rate · ∂E/∂W (in place) and measure E before and after."""
    optimizer = SGD(learning_rate)
    loss = SumSquaredError()
    before = _weights(network)
    error_before = loss.forward(network.forward(x), t)
    network.backward(loss.backward())
    optimizer.step(network.params, network.grads)
    error_after = loss.forward(network.forward(x), t)
    return Update(before, _weights(network), error_before, error_after)


def _update_caption(update: Update, count: int, learning_rate: float) -> str:
    rows = "".join(
        f"<tr><td>{name}</td><td>{_f(update.weights_before[name])}</td><td>{_f(update.weights_after[name])}</td></tr>"
        for name in update.weights_after
    )
    return (
        message(
            "stepper.update_caption",
            count=count,
            rate=format_number(learning_rate, "g"),
            before=_f(update.error_before),
            after=_f(update.error_after),
        )
        + f"{TABLE}<tr>{message('stepper.update_table_head')}</tr>{rows}</table>"
    )


class NetworkStepper:
    """The state behind the buttons: the network, where the walk is, and how many updates were taken."""

    def __init__(self, learning_rate: float = 0.5) -> None:
        self.x, self.t, self.network = document_004_start()
        self.learning_rate = learning_rate
        self.steps = network_steps(self.x, self.t, self.network)
        self.position = 0
        self.updates = 0
        self.last_update: Update | None = None

    def move(self, by: int) -> None:
        """Go ``by`` steps forward (+1) or back (−1) through the walk, staying inside it."""
        self.position = min(max(self.position + by, 0), len(self.steps) - 1)
        self.last_update = None

    def update(self) -> Update:
        """Take one gradient-descent step, then start the walk again with the new weights."""
        self.last_update = take_update(self.x, self.t, self.network, self.learning_rate)
        self.updates += 1
        self.steps = network_steps(self.x, self.t, self.network)
        self.position = 0
        return self.last_update

    def figure(self) -> Figure:
        """The network with everything computed up to this step written on it."""
        shown = self.steps[: self.position + 1]
        node_values = {
            node: step.value
            for step in shown
            if step.phase == "forward"
            for node in step.nodes
            if node.startswith(("h", "o")) and len(step.nodes) == 1
        }
        node_values.update({"x1": float(self.x[0, 0]), "x2": float(self.x[0, 1])})
        node_gradients = {
            step.nodes[0]: f"δ={format_number(step.value, '.4f')}" for step in shown if step.phase == "backward"
        }
        notes = {
            name: f"∂E/∂{name}={format_number(grad, '.4f')}"
            for step in shown
            for name, grad in step.weight_gradients.items()
        }
        step = self.steps[self.position]
        lit_edges = tuple(self.last_update.weights_after) if self.last_update else step.edges
        if self.last_update is not None:
            title = message("stepper.after_update", count=self.updates, rate=format_number(self.learning_rate, "g"))
            caption = message(
                "stepper.error_change",
                before=_f(self.last_update.error_before),
                after=_f(self.last_update.error_after),
            )
        else:
            title = message(f"stepper.{step.phase}_step", step=self.position + 1, count=len(self.steps))
            caption = step.headline
        return draw_network(
            LAYER_SIZES,
            _weights(self.network),
            node_values=node_values,
            node_gradients=node_gradients,
            edge_notes=notes,
            highlight_nodes=() if self.last_update else step.nodes,
            highlight_edges=lit_edges,
            title=title,
            caption=caption,
        )

    def caption(self) -> str:
        """The step's formula, or the update's table of weights."""
        if self.last_update is not None:
            return _update_caption(self.last_update, self.updates, self.learning_rate)
        step = self.steps[self.position]
        pass_name = message(f"stepper.{step.phase}_pass")
        lines = step.formula.split(";  ")
        chain = (
            message(
                "stepper.chain",
                gradient_color=GRADIENT_TEXT,
                local=_f(step.local_gradient),
                value=_f(step.value),
            )
            if step.phase == "backward"
            else ""
        )
        where = message(
            "stepper.where", name=pass_name, step=self.position + 1, count=len(self.steps), updates=self.updates
        )
        return f"<p>{where}<br>{'<br>'.join(lines)}{chain}</p>"

    def summary(self) -> str:
        """One line of plain text for this state."""
        if self.last_update is not None:
            return message(
                "stepper.update_summary",
                count=self.updates,
                before=_f(self.last_update.error_before),
                after=_f(self.last_update.error_after),
            )
        step = self.steps[self.position]
        return message(
            f"stepper.{step.phase}_summary", step=self.position + 1, count=len(self.steps), formula=step.formula
        )


def network_stepper(learning_rate: float = 0.5) -> Explorer:
    """Buttons to walk document 004's network one unit at a time, and to take one update."""
    stepper = NetworkStepper(learning_rate)
    back = widgets.Button(description=message("stepper.previous"), tooltip=message("stepper.previous_tip"))
    forward = widgets.Button(description=message("stepper.next"), tooltip=message("stepper.next_tip"))
    update = widgets.Button(
        description=message("stepper.update"),
        button_style="warning",
        tooltip=message("stepper.update_tip", rate=format_number(learning_rate, "g")),
    )

    def render() -> Frame:
        back.disabled = stepper.position == 0
        forward.disabled = stepper.position == len(stepper.steps) - 1
        return Frame(stepper.figure(), stepper.caption(), stepper.summary())

    explorer = Explorer("network-stepper", message("stepper.title"), [widgets.HBox([back, forward, update])], render)
    explorer.stepper = stepper
    back.on_click(lambda _: (stepper.move(-1), explorer.refresh()))
    forward.on_click(lambda _: (stepper.move(+1), explorer.refresh()))
    update.on_click(lambda _: (stepper.update(), explorer.refresh()))
    return explorer
