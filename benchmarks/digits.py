"""Lesson 6's network, backprop_lib against scikit-learn's MLPClassifier: the time per epoch.

The same network (64 → H → 10, ReLU, softmax; H = 32 as lesson 6's search chooses, and 128), the same
optimizer (Adam, rate 0.01), batches of 32,
L2 weight decay λ = 1e-4 (scikit-learn's alpha = λ · batch size), the same training split. Both sides run
on one BLAS thread (threadpoolctl, which scikit-learn installs), interleaved, timed in CPU time, and the
best of several runs is kept, so a busy machine slows both alike. Budget: 1.5×.
"""

from __future__ import annotations

import warnings

from threadpoolctl import threadpool_limits

import backprop_lib as bl
from backprop_lib.digits import DigitsSplit, load_digits_split
from backprop_lib.network import relu_network
from backprop_lib.training import MiniBatchHistory, train_minibatch

from .library import cpu_time

HIDDEN_SIZES, LEARNING_RATE, BATCH_SIZE, WEIGHT_DECAY = (32, 128), 0.01, 32, 1e-4
EPOCHS = 20
REPEATS = 5
BUDGET = 1.5


def library_run(split: DigitsSplit, hidden: int) -> MiniBatchHistory:
    """EPOCHS epochs of mini-batch Adam with backprop_lib."""
    network = relu_network([64, hidden, 10], seed=0)
    return train_minibatch(
        network,
        split.train.inputs,
        split.train.labels,
        loss=bl.SoftmaxWithLoss(),
        optimizer=bl.Adam(LEARNING_RATE),
        epochs=EPOCHS,
        batch_size=BATCH_SIZE,
        seed=0,
        weight_decay=WEIGHT_DECAY,
    )


def sklearn_run(split: DigitsSplit, hidden: int) -> object:
    """EPOCHS epochs of the same training with scikit-learn's MLPClassifier."""
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier

    model = MLPClassifier(
        hidden_layer_sizes=(hidden,),
        activation="relu",
        solver="adam",
        learning_rate_init=LEARNING_RATE,
        batch_size=BATCH_SIZE,
        alpha=WEIGHT_DECAY * BATCH_SIZE,
        max_iter=EPOCHS,
        shuffle=True,
        random_state=0,
        tol=0.0,
        n_iter_no_change=EPOCHS + 1,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return model.fit(split.train.inputs, split.train.labels)


def library_against_sklearn(split: DigitsSplit, hidden: int) -> float:
    """Print both sides' best time per epoch and their ratio; return the ratio."""
    library_times, sklearn_times = [], []
    with threadpool_limits(limits=1):
        for _ in range(REPEATS):
            library_times.append(cpu_time(lambda: library_run(split, hidden))[0])
            sklearn_times.append(cpu_time(lambda: sklearn_run(split, hidden))[0])
    library_epoch, sklearn_epoch = min(library_times) / EPOCHS, min(sklearn_times) / EPOCHS
    ratio = library_epoch / sklearn_epoch
    verdict = "within" if ratio <= BUDGET else "OVER"
    print(
        f"digits 64→{hidden}→10, Adam, batches of {BATCH_SIZE}, {len(split.train)} training images, "
        f"{EPOCHS} epochs, best of {REPEATS} interleaved runs, one BLAS thread"
    )
    print(f"  scikit-learn MLPClassifier: {sklearn_epoch * 1e3:6.2f} ms per epoch")
    print(f"  backprop_lib:               {library_epoch * 1e3:6.2f} ms per epoch")
    print(f"  backprop_lib / scikit-learn = {ratio:.2f}× ({verdict} the {BUDGET}× budget)")
    return ratio


def main() -> None:
    """Run the comparison for each hidden size."""
    split = load_digits_split(seed=0)
    for hidden in HIDDEN_SIZES:
        library_against_sklearn(split, hidden)


if __name__ == "__main__":
    main()
