"""The training loop: what History holds, reports, snapshots, and that it really descends."""

import numpy as np
import pytest

from backprop_lib import (
    SGD,
    Adam,
    Affine,
    MeanSquaredError,
    Momentum,
    Network,
    SettingError,
    Sigmoid,
    SoftmaxWithLoss,
    SumSquaredError,
    train,
    xor_data,
)


def xor_network(seed: int = 40) -> Network:
    rng = np.random.RandomState(seed)
    return Network([Affine.random(2, 3, rng), Sigmoid(), Affine.random(3, 1, rng), Sigmoid()])


def run(epochs: int, network=None, **options):
    inputs, targets = xor_data()
    network = network or xor_network()
    history = train(network, inputs, targets, loss=SumSquaredError(), optimizer=SGD(0.5), epochs=epochs, **options)
    return network, history


def test_history_losses_are_the_loss_before_each_update():
    network, history = run(3)
    assert history.losses.shape == (3,)
    inputs, targets = xor_data()
    for epoch in range(3):
        replay = xor_network()  # the same start, trained for `epoch` epochs
        if epoch:
            run(epoch, replay)
        assert history.losses[epoch] == SumSquaredError().forward(replay.forward(inputs), targets)
    assert history.final_loss == history.losses[-1]


def test_history_outputs_come_from_the_last_forward_pass():
    """The outputs of the last epoch's forward pass, before its update (what the documents print)."""
    inputs, _ = xor_data()
    _, history = run(5)
    before_last_update, _ = run(4)
    np.testing.assert_array_equal(history.outputs, before_last_update.forward(inputs))


def test_monitor_reports_another_loss_without_changing_the_training():
    inputs, targets = xor_data()
    plain_network, plain = run(20)
    monitored_network, monitored = run(20, monitor=MeanSquaredError())
    for name, param in plain_network.params.items():
        np.testing.assert_array_equal(monitored_network.params[name], param)
    np.testing.assert_allclose(monitored.losses, plain.losses / 2, rtol=1e-15)  # ½Σ over 4 samples vs mean


def test_report_with_a_format_string(capsys):
    _, history = run(5, report_every=2, report="{epoch} of {epochs}: {loss:.6f}")
    lines = capsys.readouterr().out.splitlines()
    assert lines == [f"{epoch} of 5: {history.losses[epoch]:.6f}" for epoch in (0, 2, 4)]


def test_report_every_alone_uses_the_documents_format(capsys):
    _, history = run(3, report_every=1)
    assert capsys.readouterr().out.splitlines() == [
        f"Epoch {epoch}/3, Loss: {history.losses[epoch]:.4f}" for epoch in range(3)
    ]


def test_report_with_a_function(capsys):
    calls = []

    def report(epoch, loss, network):
        calls.append((epoch, loss, network))

    network, history = run(7, report_every=3, report=report)
    assert [epoch for epoch, _, _ in calls] == [0, 3, 6]
    assert [loss for _, loss, _ in calls] == [history.losses[epoch] for epoch in (0, 3, 6)]
    assert all(given is network for _, _, given in calls)
    assert capsys.readouterr().out == ""


def test_no_report_prints_nothing(capsys):
    run(3)
    assert capsys.readouterr().out == ""


def test_snapshots_hold_copies_of_the_parameters_after_each_kept_epoch():
    network, history = run(7, snapshot_every=3)
    assert sorted(history.snapshots) == [0, 3, 6]
    assert list(history.snapshots[0]) == list(network.params)
    for epoch in (0, 3, 6):
        after_that_epoch, _ = run(epoch + 1)
        for name, param in after_that_epoch.params.items():
            np.testing.assert_array_equal(history.snapshots[epoch][name], param)
    for name, param in network.params.items():  # the last epoch's snapshot is a copy, not the array
        assert not np.shares_memory(history.snapshots[6][name], param)
    assert run(3)[1].snapshots == {}


@pytest.mark.parametrize(
    "make_optimizer",
    [lambda: SGD(0.5), lambda: Momentum(0.1, 0.9), lambda: Adam(0.05)],
    ids=["SGD", "Momentum", "Adam"],
)
def test_training_lowers_the_loss(make_optimizer):
    inputs, targets = xor_data()
    history = train(xor_network(), inputs, targets, loss=SumSquaredError(), optimizer=make_optimizer(), epochs=300)
    assert history.losses[-1] < 0.8 * history.losses[0]


def test_training_a_classifier_with_softmax_with_loss():
    rng = np.random.default_rng(41)
    inputs = rng.normal(size=(40, 2))
    labels = (inputs[:, 0] > inputs[:, 1]).astype(int)  # two classes split by a line
    network = Network([Affine(rng.normal(size=(2, 2)) * 0.1, np.zeros(2))])
    history = train(network, inputs, labels, loss=SoftmaxWithLoss(), optimizer=SGD(1.0), epochs=200)
    accuracy = np.mean(np.argmax(network.forward(inputs), axis=1) == labels)
    assert history.losses[0] == pytest.approx(np.log(2), abs=0.1)  # small weights: about 50/50
    assert history.losses[-1] < 0.3
    assert accuracy >= 0.95


def test_a_report_without_report_every_is_refused_with_a_hint():
    inputs, targets = xor_data()
    network = xor_network()
    with pytest.raises(SettingError, match="report_every=1000"):
        train(network, inputs, targets, loss=SumSquaredError(), optimizer=SGD(0.1), epochs=2, report="{epoch}: {loss}")
