"""Errors a learner can cause speak the notebook's language: one representative error per module, in both.

Each case names what the error must say in each language: what was expected and what was given (and,
where the error has one, the fix). The same call raises the same class under use_language("en") and "ko".
A last test reads the library's source and fails on a `raise` whose text is written in place, outside the
catalogue, so a new English-only error cannot slip in.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import numpy as np
import pytest

import backprop_lib
from backprop_lib import (
    SGD,
    Affine,
    DomainError,
    LabelError,
    MeanSquaredError,
    Momentum,
    Mul,
    Network,
    NotReadyError,
    SettingError,
    ShapeError,
    SoftmaxWithLoss,
    Value,
)
from backprop_lib.digits import stratified_split
from backprop_lib.documents import apple_shop
from backprop_lib.explorers.digits import toggle_pixel
from backprop_lib.explorers.xor import xor_network
from backprop_lib.figures.curves import plot_losses
from backprop_lib.figures.digits import plot_first_layer_weights
from backprop_lib.figures.graphs import draw_graph
from backprop_lib.figures.network import draw_network
from backprop_lib.figures.optimizers import optimizer_path
from backprop_lib.figures.regions import plot_decision_regions
from backprop_lib.figures.softmax import plot_softmax
from backprop_lib.homework import problem
from backprop_lib.messages import use_language
from backprop_lib.network import relu_network

HANGUL = re.compile(r"[\uac00-\ud7a3]")


@pytest.fixture(autouse=True)
def english_afterwards():
    """Every test leaves the library speaking English, as a fresh kernel does."""
    yield
    use_language("en")


def font_package_missing(monkeypatch):
    """korean_font_files with the font package gone, as on a machine where pip install -e . was skipped."""
    from backprop_lib import fonts

    monkeypatch.setattr(fonts.importlib.util, "find_spec", lambda name: None)
    return fonts.korean_font_files()


# (module, the learner's mistake, error class, what the English says, what the Korean says)
CASES = [
    (
        "nodes",
        lambda mp: Mul("apple").backward(1.0),
        NotReadyError,
        ["apple: backward() was called before forward()", "Run forward(x, y) first"],
        ["apple: forward()보다 먼저 backward()를 불렀어요", "먼저 forward(x, y)을(를) 실행해서"],
    ),
    (
        "value",
        lambda mp: Value(-2.0).log(),
        DomainError,
        ["Value.log: expected a positive number, got -2", "(x + 1e-7).log()"],
        ["Value.log: 양수가 와야 하는데, -2가 왔어요", "(x + 1e-7).log()"],
    ),
    (
        "value",
        lambda mp: Value(-8.0) ** 0.5,
        DomainError,
        ["expected a whole-number exponent for a negative base, got the base -8", "such as x * x"],
        ["밑이 음수이면 지수는 정수여야 하는데, 밑이 -8이에요", "x * x처럼 양수인 값에"],
    ),
    (
        "optimizers",
        lambda mp: SGD(0.1).step({"w": np.ones(2)}, {}),
        NotReadyError,
        ["SGD.step: there is no gradient for 'w' yet", "Run a forward pass and then the backward pass"],
        ["SGD.step: 'w'의 기울기가 아직 없어요", "순전파를 하고 이어서 역전파를 하세요"],
    ),
    (
        "optimizers",
        lambda mp: Momentum(0.1, momentum=1.0),
        SettingError,
        ["Momentum: momentum must be in [0, 1), got 1.0", "such as 0.9"],
        ["Momentum: momentum은(는) [0, 1) 범위", "1.0이 왔어요", "0.9 같은 값을 쓰세요"],
    ),
    (
        "optimizers",
        lambda mp: SGD(-0.5),
        SettingError,
        ["SGD: learning_rate must be a positive finite number such as 0.1, got -0.5"],
        ["SGD: learning_rate은(는) 0.1 같은 유한한 양수여야 하는데, -0.5가 왔어요"],
    ),
    (
        "losses",
        lambda mp: MeanSquaredError().forward(np.ones((3, 1)), np.ones(3)),
        ShapeError,
        [
            "must have the same shape",
            "outputs are an array of shape (3, 1)",
            "targets are an array of shape (3,)",
            "targets.reshape(-1, 1)",
        ],
        ["모양이 같아야 해요", "출력은 모양이 (3, 1)인 배열", "정답은 모양이 (3,)인 배열", "targets.reshape(-1, 1)"],
    ),
    (
        "losses",
        lambda mp: SoftmaxWithLoss().forward(np.zeros((2, 3)), np.array([0, 5])),
        LabelError,
        ["must hold class indices 0 … 2, got values [0 5]", "one-hot rows of shape (2, 3)"],
        ["클래스 번호 0 … 2가 들어 있어야 하는데, 값 [0 5]가 왔어요", "모양이 (2, 3)인 원-핫 행"],
    ),
    (
        "layers",
        lambda mp: Affine(np.ones(3), name="hidden"),
        ShapeError,
        ["hidden: weights must be a 2-D array of shape (inputs, outputs), got an array of shape (3,)", "use [[w]]"],
        ["hidden: 가중치는 모양이 (입력 수, 출력 수)인 2차원 배열이어야 하는데, 모양이 (3,)인 배열", "[[w]]로 쓰세요"],
    ),
    (
        "layers",
        lambda mp: Affine(np.ones((2, 3)), np.ones(2), name="hidden"),
        ShapeError,
        ["hidden: bias must hold one number per output, shape (3,), got an array of shape (2,)"],
        ["hidden: 편향은 출력마다 수 하나씩, 곧 모양이 (3,)이어야 하는데, 모양이 (2,)인 배열"],
    ),
    (
        "network",
        lambda mp: relu_network([64], seed=0),
        SettingError,
        ["relu_network: sizes must list at least two layer widths", "such as [64, 100, 10]; got [64]"],
        ["relu_network: sizes에는 층의 너비(입력 … 출력)를 두 개 이상", "예: [64, 100, 10]", "[64]가 왔어요"],
    ),
    (
        "network",
        lambda mp: Network([Affine(np.ones((2, 1)))])["hidden"],
        KeyError,
        ["Network has no layer named 'hidden'; its layers are ['affine1']"],
        ["Network에 'hidden'(이)라는 층이 없어요. 이 신경망에 있는 층: ['affine1']."],
    ),
    (
        "digits",
        lambda mp: stratified_split(np.arange(10) % 2, (0.8, 0.3), seed=0),
        SettingError,
        ["sum to less than 1, got (0.8, 0.3)", "fractions=(0.6, 0.2)"],
        ["합은 1보다 작아야 하는데, (0.8, 0.3)이 왔어요", "fractions=(0.6, 0.2)"],
    ),
    (
        "documents",
        lambda mp: apple_shop(orange_price=150.0),
        SettingError,
        ["give both orange_price and orange_count", "got orange_price=150.0, orange_count=None"],
        ["orange_price와 orange_count를 둘 다 주거나", "지금은 orange_price=150.0, orange_count=None이에요"],
    ),
    (
        "homework",
        lambda mp: problem("spiral"),
        SettingError,
        ["problem: name must be one of 'circles', 'wave', got 'spiral'."],
        ["problem: name은(는) 'circles', 'wave' 중 하나여야 하는데, 'spiral'이(가) 왔어요."],
    ),
    (
        "fonts",
        font_package_missing,
        RuntimeError,
        ["The Korean font (NanumGothic", "pip install -e ."],
        ["한글 글꼴(koreanize-matplotlib 패키지의 NanumGothic)이 설치되어 있지 않아서", "pip install -e ."],
    ),
    (
        "explorers",
        lambda mp: toggle_pixel(np.zeros(64), 64),
        SettingError,
        ["toggle_pixel: index must be a whole number 0 … 63, got 64."],
        ["toggle_pixel: index은(는) 0 … 63 사이의 정수여야 하는데, 64가 왔어요."],
    ),
    (
        "explorers",
        lambda mp: xor_network(3, "tanh", seed=0),
        SettingError,
        ["xor_network: activation must be one of 'relu', 'sigmoid', got 'tanh'."],
        ["xor_network: activation은(는) 'relu', 'sigmoid' 중 하나여야 하는데, 'tanh'이(가) 왔어요."],
    ),
    (
        "figures.curves",
        lambda mp: plot_losses({"SGD": [0.5, 0.0]}),
        SettingError,
        ["a log scale needs positive losses, but the losses ('SGD') contain zero", "Pass log_scale=False"],
        ["로그 눈금에는 양수인 손실만", "손실 ('SGD')에 0이나 음수가 있어요", "log_scale=False를 넘기세요"],
    ),
    (
        "figures.digits",
        lambda mp: plot_first_layer_weights(np.ones((10, 5))),
        ShapeError,
        ["expected weights of shape (64, hidden), got an array of shape (10, 5)"],
        ["가중치의 모양은 (64, 은닉 유닛 수)여야 하는데, 모양이 (10, 5)인 배열"],
    ),
    (
        "figures.graphs",
        lambda mp: draw_graph([("x", "x", (0, 0), "box")], []),
        SettingError,
        ["node 'x' has kind 'box'; use 'op' (a circle) or 'value' (a box)"],
        ["노드 'x'의 kind가 'box'이에요. 'op'(원) 또는 'value'(네모)를 쓰세요"],
    ),
    (
        "figures.network",
        lambda mp: draw_network([2, 2], layer_titles=["in"]),
        SettingError,
        ["layer_titles needs one title per layer (2), got 1."],
        ["layer_titles에는 층마다 제목이 하나씩(2개) 있어야 하는데, 1개가 왔어요."],
    ),
    (
        "figures.optimizers",
        lambda mp: optimizer_path(SGD(0.1), start=(1.0, 2.0, 3.0)),
        ShapeError,
        ["start must be two numbers (w₁, w₂), got a tuple ((1.0, 2.0, 3.0))"],
        ["start는 수 두 개 (w₁, w₂)여야 하는데, tuple 값 ((1.0, 2.0, 3.0))이 왔어요"],
    ),
    (
        "figures.regions",
        lambda mp: plot_decision_regions(lambda p: p[:, 0], np.ones((4, 3)), [0, 1, 0, 1]),
        ShapeError,
        ["inputs must be points in the plane, shape (N, 2), got an array of shape (4, 3)"],
        ["입력은 평면 위의 점들, 곧 모양이 (N, 2)여야 하는데, 모양이 (4, 3)인 배열"],
    ),
    (
        "figures.softmax",
        lambda mp: plot_softmax([1.0, 2.0], target=2),
        LabelError,
        ["target must be the index of the true class, a whole number 0 … 1, or None; got 2."],
        ["target은 정답 클래스의 번호, 곧 0 … 1 사이의 정수이거나 None이어야 하는데, 2가 왔어요."],
    ),
]


def raised(call, error_class, monkeypatch) -> str:
    with pytest.raises(error_class) as error:
        call(monkeypatch)
    return error.value.args[0]  # args[0], not str(): a KeyError's str() adds quotes


@pytest.mark.parametrize(
    "module, call, error_class, english, korean", CASES, ids=[f"{case[0]}-{index}" for index, case in enumerate(CASES)]
)
def test_a_learners_mistake_is_explained_in_the_notebooks_language(
    module, call, error_class, english, korean, monkeypatch
):
    text = raised(call, error_class, monkeypatch)
    assert not HANGUL.search(text), f"{module}: the English error has Hangul: {text!r}"
    for part in english:
        assert part in text, f"{module}: {part!r} is not in the English error {text!r}"
    use_language("ko")
    text = raised(call, error_class, monkeypatch)
    for part in korean:
        assert part in text, f"{module}: {part!r} is not in the Korean error {text!r}"


def test_an_unknown_language_is_refused_in_both_languages():
    with pytest.raises(ValueError) as error:
        use_language("kr")
    english, korean = str(error.value).splitlines()
    assert (
        english == 'use_language: the course speaks "en" or "ko", got \'kr\'. Write use_language("en") or '
        'use_language("ko").'
    )
    assert korean.startswith('use_language: 이 강의는 "en"(영어)과 "ko"(한국어)로 되어 있는데, \'kr\'이(가) 왔어요.')


def literal_text(node: ast.expr) -> bool:
    """True for words written in place: "…", f"…" or "…" + … holding a letter (f"{name}: {message(…)}" holds none)."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and re.search("[A-Za-z]", node.value) is not None
    if isinstance(node, ast.JoinedStr):
        return any(literal_text(part) for part in node.values)
    return isinstance(node, ast.BinOp) and (literal_text(node.left) or literal_text(node.right))


def test_no_error_text_is_written_outside_the_catalogue():
    package = Path(backprop_lib.__file__).parent
    written_in_place = []
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            call = node.exc if isinstance(node, ast.Raise) else node
            if not isinstance(call, ast.Call):
                continue
            name = getattr(call.func, "id", getattr(call.func, "attr", ""))
            if isinstance(node, ast.Raise):
                texts = call.args[:1]  # raise SomeError("…")
            else:
                texts = call.args[2:3] if name == "require_forward" else []  # its fix, the third argument
            if any(literal_text(text) for text in texts):
                written_in_place.append(f"{path.relative_to(package)}:{node.lineno}")
    assert written_in_place == [], f"error text outside backprop_lib/messages.py: {written_in_place}"
