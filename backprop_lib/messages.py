"""Every sentence the library shows a student, in English and Korean; the notebook chooses the language.

A lesson's first code cell calls ``use_language("en")`` (English edition) or ``use_language("ko")``
(Korean edition): the language belongs to the notebook, never to the machine's locale. Library code
asks for a sentence by key, ``message("check.passed", number=3)``, and gets it in that language.
tests/test_messages.py checks that every key has both languages with the same placeholders.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Iterator, Mapping

from .particles import attach_particles

LANGUAGES = ("en", "ko")
_current = {"language": "en"}
_listeners: list[Callable[[str], None]] = []


def use_language(language: str) -> None:
    """Make the library speak ``language`` ("en" or "ko") from now on, in this kernel."""
    if language not in LANGUAGES:  # the notebook's language is what is unknown: say it in both
        from .errors import SettingError  # here, not at the top: errors imports this module

        raise SettingError("\n".join(message("language.unknown", known, got=repr(language)) for known in LANGUAGES))
    _current["language"] = language
    for listener in _listeners:
        listener(language)


def on_language_change(listener: Callable[[str], None]) -> None:
    """Call ``listener(language)`` now and whenever the notebook changes language (figures switch fonts)."""
    _listeners.append(listener)
    listener(_current["language"])


def current_language() -> str:
    """The language chosen by the notebook ("en" until it calls use_language)."""
    return _current["language"]


def message(key: str, language: str | None = None, **values) -> str:
    """The sentence ``key`` in ``language`` (default: the notebook's), its {placeholders} filled in.

    In Korean, a particle written both ways after a value ("{got}이(가)") keeps the form that fits the value.
    """
    language = language or _current["language"]
    text = MESSAGES[key][language].format(**values)
    return attach_particles(text) if language == "ko" else text


def template(key: str, language: str | None = None) -> str:
    """The sentence ``key`` unformatted, for code that fills it in later (e.g. train's report line)."""
    return MESSAGES[key][language or _current["language"]]


class Templates(Mapping):
    """The catalogue's keys under ``prefix``, by their last part: ``Templates("describe.curves")["run"]``.

    A figure module keeps its description templates as ``TEXT = Templates("describe.<module>")``; each
    lookup happens when a description is written, so it is in the notebook's language at that moment.
    """

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix

    def __getitem__(self, key: str) -> str:
        return template(f"{self.prefix}.{key}")

    def __iter__(self) -> Iterator[str]:
        start = len(self.prefix) + 1
        return (key[start:] for key in MESSAGES if key.startswith(self.prefix + "."))

    def __len__(self) -> int:
        return sum(1 for _ in self)


def placeholders(text: str) -> set[str]:
    """The names of the {placeholders} of a sentence."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


# key: {"en": ..., "ko": ...}. Korean as a lecturer writes it for first-year students: 해요체 in
# instructions, the documents' terms (기울기, 가중치, 학습률 …).
MESSAGES: dict[str, dict[str, str]] = {
    "language.unknown": {
        "en": 'use_language: the course speaks "en" or "ko", got {got}. Write use_language("en") or '
        'use_language("ko").',
        "ko": 'use_language: 이 강의는 "en"(영어)과 "ko"(한국어)로 되어 있는데, {got}이(가) 왔어요. '
        'use_language("en") 또는 use_language("ko")라고 쓰세요.',
    },
    # --- exercise checks (backprop_lib.exercises) --------------------------------------------
    "check.not_done": {
        "en": "Exercise {number} is not done yet: write your answer in the exercise cell above "
        "(replace the ... or the raise line), run that cell, then run this check again.",
        "ko": "연습 {number}: 아직 답이 없어요. 위의 연습 셀에 답을 쓰고(... 또는 raise 줄을 바꾸세요) "
        "그 셀을 실행한 다음, 이 확인 셀을 다시 실행하세요.",
    },
    "check.passed": {"en": "✓ Exercise {number} passed.", "ko": "✓ 연습 {number} 통과."},
    "check.calls_not_done": {
        "en": "it calls your code from exercise {other}, which is not done yet: answer exercise {other} first, "
        "then run this check again.",
        "ko": "연습 {other}에서 쓴 코드를 부르는데, 연습 {other}에 아직 답이 없어요. 연습 {other}부터 풀고 이 "
        "확인 셀을 다시 실행하세요.",
    },
    "check.failed": {"en": "✗ Exercise {number}: {reason}", "ko": "✗ 연습 {number}: {reason}"},
    "check.raised_at": {"en": " (line {line}: {code})", "ko": " ({line}번째 줄: {code})"},
    "check.raised_reason": {
        "en": "your code raised {error_type}: {error}{place}",
        "ko": "여러분의 코드에서 {error_type} 오류가 났어요: {error}{place}",
    },
    "check.name_missing": {
        "en": "`{name}` is not defined: the answer cell above has not run, or it stopped with an error before "
        "defining it. Run it (fix the error it shows first), then run this check again.",
        "ko": "정의되지 않은 이름: `{name}`. 위의 답 셀을 아직 실행하지 않았거나, 그 셀이 이 이름을 정의하기 전에 "
        "오류로 멈췄어요. 답 셀을 실행한 다음(오류가 보이면 먼저 고치고) 이 확인 셀을 다시 실행하세요.",
    },
    "check.returned_none": {
        "en": "your function returned None — is the `return` missing?",
        "ko": "함수가 None을 돌려주었어요. `return`을 빠뜨리지 않았나요?",
    },
    "check.low_precision": {
        "en": "{name} is {dtype}; compute in float64 (the check wants {digits} decimals): ",
        "ko": "{name} 값의 자료형이 {dtype}(이)에요. float64로 계산하세요(이 확인은 소수점 {digits}자리까지 봐요): ",
    },
    "check.float32_inside": {
        "en": "{name} is off by about what float32 rounding gives; does code it calls (an earlier exercise's "
        "answer) compute in float32? Compute in float64 there (the check wants {digits} decimals): ",
        "ko": "{name} 값은 float32로 반올림했을 때만큼 어긋났어요. 이 값을 계산할 때 부르는 코드(앞 연습의 답)가 "
        "float32로 계산하나요? 그곳에서 float64로 계산하세요(이 확인은 소수점 {digits}자리까지 봐요): ",
    },
    "check.raised_in_check": {
        "en": "your code returned something the check cannot use, so the check raised {error} while reading it "
        "(the line is the check's, not yours)",
        "ko": "여러분의 코드가 돌려준 값을 확인 셀이 쓸 수 없어서, 읽는 중에 {error} 오류가 났어요"
        "(이 줄은 확인 셀의 줄이지 여러분의 줄이 아니에요)",
    },
    "check.still_ellipsis": {"en": "{name} is still ...", "ko": "{name}: 아직 ... 그대로예요"},
    "check.not_a_number": {
        "en": "{name} should be a number or an array of numbers, got {type_name}.",
        "ko": "{name} 값은 수 또는 수의 배열이어야 하는데, {type_name}이(가) 들어 있어요.",
    },
    "check.shape": {
        "en": "{name} has shape {got}, expected {expected}.",
        "ko": "{name}의 모양(shape)이 {got}(이)에요. {expected}(이)어야 해요.",
    },
    "check.not_finite": {
        "en": "{name} holds NaN or infinite values: {value}.",
        "ko": "{name}에 NaN이나 무한대 값이 있어요: {value}.",
    },
    "check.close_wrong": {
        "en": "{name} should be {expected}, but it is {got}.",
        "ko": "{name} 값은 {expected}(이)어야 하는데, 지금은 {got}(이)에요.",
    },
    # --- lesson 1's checks that keep their numbers hidden (backprop_lib.chain_rule_checks) -----
    "chain_rule_checks.add_given_one": {
        "en": "grad_x is 1: the Add node's backward was given 1, but it must be given the gradient the Mul node "
        "sent back to x + y (that is z = −4). Run mul.backward first, then pass its result on to add.backward.",
        "ko": "grad_x가 1이에요. Add 노드의 backward에 1을 넘긴 것 같아요. 넘겨야 할 값은 Mul 노드가 x + y 쪽으로 "
        "돌려보낸 기울기(여기서는 z = −4)예요. mul.backward를 먼저 실행하고, 그 결과를 add.backward에 넘기세요.",
    },
    "chain_rule_checks.mul_order": {
        "en": "grad_x is 3 = x + y, which is ∂f/∂z: Mul.backward returns the gradients in the order of the inputs "
        "of forward, so mul.forward(sum_xy, z) gives back (∂f/∂sum_xy, ∂f/∂z).",
        "ko": "grad_x가 3 = x + y, 즉 ∂f/∂z예요. Mul.backward는 forward에 넣은 입력의 순서대로 기울기를 돌려줘요. "
        "그러니 mul.forward(sum_xy, z)라면 (∂f/∂sum_xy, ∂f/∂z) 순서로 돌아와요.",
    },
    "chain_rule_checks.price_path_only": {
        "en": "grad_count is 110 = 100 · 1.1, the gradient along the price path alone. The count also reaches the "
        "total through the fee: branch.backward must get the gradients of both copies.",
        "ko": "grad_count가 110 = 100 · 1.1, 즉 가격 쪽 경로의 기울기뿐이에요. 개수는 배송비를 거쳐서도 총액에 "
        "닿아요. branch.backward에는 두 사본의 기울기를 모두 넘겨야 해요.",
    },
    "chain_rule_checks.fee_path_only": {
        "en": "grad_count is 5, the gradient along the fee path alone. The count also reaches the total through "
        "the price and the tax: branch.backward must get the gradients of both copies.",
        "ko": "grad_count가 5, 즉 배송비 쪽 경로의 기울기뿐이에요. 개수는 가격과 소비세를 거쳐서도 총액에 닿아요. "
        "branch.backward에는 두 사본의 기울기를 모두 넘겨야 해요.",
    },
    "chain_rule_checks.reused_forward_value": {
        "en": "12 is f(3) = 3·3 + 3, the forward value, not the gradient.",
        "ko": "12는 f(3) = 3·3 + 3, 즉 순전파 값이에요. 기울기가 아니에요.",
    },
    "chain_rule_checks.reused_without_sum_edge": {
        "en": "6 = 3 + 3 counts the two edges into × but not the edge into +, which brings 1.",
        "ko": "6 = 3 + 3은 ×로 들어가는 에지 두 개만 센 값이에요. +로 들어가는 에지도 1을 가져와요.",
    },
    "chain_rule_checks.reused_one_factor_edge": {
        "en": "4 = 3 + 1 counts one edge into × and the edge into +; x · x uses x twice, so × sends x a part twice.",
        "ko": "4 = 3 + 1은 ×로 들어가는 에지 하나와 +로 들어가는 에지만 센 값이에요. x · x는 x를 두 번 쓰니까, "
        "×는 x에게 몫을 두 번 보내요.",
    },
    "chain_rule_checks.reused_one_part": {
        "en": "that is one part alone, what = keeps: every part must be added (+=).",
        "ko": "그건 몫 하나뿐이에요. =를 쓰면 이렇게 마지막 몫만 남아요. 모든 몫을 더해야 해요(+=).",
    },
    "chain_rule_checks.reused_name": {"en": "∂f/∂x at x = {x}", "ko": "x = {x}에서 ∂f/∂x"},
    # --- lesson 2's ReLU check that shows no answer (backprop_lib.layer_checks) -----------------
    "layer_checks.relu_forward_in_place": {
        "en": "forward changed the array it was given: work on a copy (np.where or x.copy()).",
        "ko": "forward가 받은 배열을 바꾸었어요. 사본으로 작업하세요(np.where나 x.copy()).",
    },
    "layer_checks.relu_backward_none": {
        "en": "backward returned None: return the gradient for the layer below.",
        "ko": "backward가 None을 돌려주었어요. 아래 계층으로 보낼 기울기를 돌려주세요.",
    },
    "layer_checks.relu_backward_in_place": {
        "en": "backward changed grad_output in place: return a new array instead.",
        "ko": "backward가 grad_output을 제자리에서 바꾸었어요. 대신 새 배열을 돌려주세요.",
    },
    "layer_checks.relu_mask_inverted": {
        "en": "the gradient passes where x ≤ 0 and is blocked where x > 0: the mask is read the wrong way round.",
        "ko": "기울기가 x ≤ 0인 곳을 지나가고 x > 0인 곳에서 막혀요. 마스크를 거꾸로 읽었어요.",
    },
    "layer_checks.relu_zero_passes": {
        "en": "at x = 0 exactly the gradient must be 0 (the unit is off): the mask must be False there.",
        "ko": "정확히 x = 0에서는 기울기가 0이어야 해요(유닛이 꺼져 있어요). 그 자리의 마스크는 False여야 해요.",
    },
    "layer_checks.relu_mask_alone": {
        "en": "backward returned the slope alone (1 or 0): the chain rule multiplies it by grad_output.",
        "ko": "backward가 기울기(1 또는 0)만 돌려주었어요. 연쇄 법칙에 따라 grad_output을 곱해야 해요.",
    },
    "layer_checks.delta_no_transpose": {
        "en": "δ(2) is multiplied by W(2) without a transpose: hidden unit i needs Σ_j δ_oj · W(2)[i, j], the weights "
        "that leave unit i, which are row i of W(2). Compare the shapes: (N, outputs) times what gives (N, hidden)?",
        "ko": "δ(2)에 W(2)를 전치하지 않고 곱했어요. 은닉 유닛 i에는 Σ_j δ_oj · W(2)[i, j], "
        "곧 유닛 i에서 나가는 가중치가 필요한데, 그것은 W(2)의 i번째 행이에요. "
        "모양을 비교해 보세요: (N, outputs)에 무엇을 곱해야 (N, hidden)이 될까요?",
    },
    "layer_checks.delta_no_slope": {
        "en": "the sigmoid's slope is missing: δ(1) is ∂E/∂Z of the hidden layer, one step further back than ∂E/∂H.",
        "ko": "시그모이드의 기울기가 빠졌어요. δ(1)은 은닉층의 ∂E/∂Z로, ∂E/∂H보다 한 단계 더 뒤에 있어요.",
    },
    "layer_checks.delta_shape": {
        "en": "for 3 samples, 4 hidden units and 2 outputs your δ has shape {shape}, expected (3, 4): one δ per "
        "hidden unit per sample. In the 2-2-2 network every matrix is 2×2, "
        "so a transpose in the wrong place only shows here.",
        "ko": "샘플 3개, 은닉 유닛 4개, 출력 2개일 때 δ의 모양이 {shape}이에요. 샘플마다 은닉 유닛마다 δ가 하나씩인 "
        "(3, 4)여야 해요. 2-2-2 신경망에서는 모든 행렬이 2×2라서, 전치를 잘못된 곳에 하면 여기서야 드러나요.",
    },
    "layer_checks.sgd_returned_new": {
        "en": "step returned new arrays and left the caller's arrays as they were: the network would never see them. "
        "Change every array itself, in place (-=), and return nothing.",
        "ko": "step이 새 배열을 돌려주고 호출한 쪽의 배열은 그대로 두었어요. 그러면 신경망은 새 값을 보지 못해요. "
        "배열 자체를 제자리에서(-=) 바꾸고, 아무것도 돌려주지 마세요.",
    },
    "layer_checks.sgd_rebound_entry": {
        "en": "step put new arrays into the dictionary (params[name] = …): the layer still holds its old array. "
        "Change the array itself, in place (-=).",
        "ko": "step이 딕셔너리에 새 배열을 넣었어요(params[name] = …). 계층은 여전히 예전 배열을 갖고 있어요. "
        "배열 자체를 제자리에서(-=) 바꾸세요.",
    },
    "layer_checks.sgd_not_in_place": {
        "en": "after one step the arrays have not changed. param = param − … only gives the local name param a new "
        "array; change the array itself, in place (-=).",
        "ko": "한 걸음 뒤에도 배열이 바뀌지 않았어요. param = param − …은 지역 이름 param에 새 배열을 붙일 뿐이에요. "
        "배열 자체를 제자리에서(-=) 바꾸세요.",
    },
    "layer_checks.sgd_changed_grads": {
        "en": "step changed the gradients it was given: leave grads as they are, only the parameters move.",
        "ko": "step이 받은 기울기를 바꾸었어요. grads는 그대로 두고 파라미터만 움직이세요.",
    },
    "layer_checks.sgd_skipped": {
        "en": "only some of the arrays moved: every parameter in params takes a step (the weights and the bias).",
        "ko": "배열 가운데 일부만 움직였어요. params의 모든 파라미터(가중치와 편향)가 한 걸음씩 움직여야 해요.",
    },
    "layer_checks.sgd_uphill": {
        "en": "the parameters moved up the gradient: a step of gradient descent goes against it.",
        "ko": "파라미터가 기울기 방향으로 올라갔어요. 경사 하강법의 한 걸음은 기울기의 반대 방향이에요.",
    },
    "layer_checks.sgd_rate_twice": {
        "en": "the step is the learning rate times the gradient, α·g: your step used the learning rate twice.",
        "ko": "한 걸음은 학습률 곱하기 기울기, α·g예요. 학습률을 두 번 곱했어요.",
    },
    "layer_checks.delta_wide_name": {
        "en": "hidden_delta for 3 samples, 4 hidden units, 2 outputs",
        "ko": "샘플 3개, 은닉 유닛 4개, 출력 2개일 때 hidden_delta",
    },
    "layer_checks.sgd_weights_name": {
        "en": "weights after one step of MySGD(0.1)",
        "ko": "MySGD(0.1) 한 걸음 뒤의 weights",
    },
    "layer_checks.sgd_bias_name": {"en": "bias after one step of MySGD(0.1)", "ko": "MySGD(0.1) 한 걸음 뒤의 bias"},
    "layer_checks.step_two_one_path": {
        "en": "dE_dh2 holds one path only. h2 feeds both outputs, o1 through W6 and o2 through W8: add the two paths.",
        "ko": "dE_dh2에 경로가 하나만 들어 있어요. h2는 출력 두 개 모두에 들어가요. W6을 거쳐 o1로, W8을 거쳐 o2로요. "
        "두 경로를 더하세요.",
    },
    "layer_checks.step_two_h1_weights": {
        "en": "dE_dh2 equals ∂E/∂h1: W5 and W7 are the weights that leave h1. From h2 leave W6 and W8.",
        "ko": "dE_dh2가 ∂E/∂h1과 같아요. W5와 W7은 h1에서 나가는 가중치예요. h2에서 나가는 가중치는 W6과 W8이에요.",
    },
    "layer_checks.step_two_updated": {
        "en": "dE_dh2 uses the updated W6+ and W8+: use the weights of the forward pass, W6 and W8 "
        '(see "Which W5?" above).',
        "ko": 'dE_dh2에 갱신된 W6+와 W8+를 썼어요. 순전파에서 쓴 가중치 W6과 W8을 쓰세요(위의 "어느 W5일까?" 참고).',
    },
    "layer_checks.sigmoid_forward_name": {
        "en": "MySigmoid().forward([[z1, z2], [z3, z4]])",
        "ko": "[[z1, z2], [z3, z4]]에 대한 MySigmoid().forward",
    },
    "layer_checks.sigmoid_backward_name": {
        "en": "backward: δ_h1, δ_h2 / δ_o1, δ_o2",
        "ko": "backward 결과: δ_h1, δ_h2 / δ_o1, δ_o2",
    },
    "layer_checks.sigmoid_no_slope": {
        "en": "backward returned grad_output unchanged: multiply it by the slope out · (1 − out).",
        "ko": "backward가 grad_output을 그대로 돌려주었어요. 기울기 out · (1 − out)을 곱하세요.",
    },
    "layer_checks.sigmoid_no_upstream": {
        "en": "backward returned the slope alone: the chain rule multiplies it by grad_output.",
        "ko": "backward가 기울기만 돌려주었어요. 연쇄 법칙에 따라 grad_output을 곱해야 해요.",
    },
    "layer_checks.sigmoid_slope_at_x": {
        "en": "backward used the input x in x · (1 − x): the slope needs the output, out · (1 − out) with out = σ(x).",
        "ko": "backward가 입력 x로 x · (1 − x)를 계산했어요. 기울기에는 출력이 필요해요. "
        "out = σ(x)일 때 out · (1 − out)이에요.",
    },
    # --- lesson stubs (course_tools.lessons writes them into the answer cells) ----------------
    "stub.header_one": {
        "en": "# Exercise {number} ({points} point): replace the ... or the raise line with your answer, "
        "then run the check below.",
        "ko": "# 연습 {number} ({points}점): ... 또는 raise 줄을 여러분의 답으로 바꾸고, 아래 확인 셀을 실행하세요.",
    },
    "stub.header_many": {
        "en": "# Exercise {number} ({points} points): replace the ... or the raise line with your answer, "
        "then run the check below.",
        "ko": "# 연습 {number} ({points}점): ... 또는 raise 줄을 여러분의 답으로 바꾸고, 아래 확인 셀을 실행하세요.",
    },
    "stub.your_answer": {"en": "# your answer", "ko": "# 여러분의 답"},
    # --- the homework's checks that name no answer (backprop_lib.homework_checks) ---------------
    "homework_checks.document_rule_differs": {
        "en": "{when}, grads['{name}'] is not what the document's formulas give (relative error {error}). "
        "Compare your code with the formulas above, line by line.",
        "ko": "{when} grads['{name}']가 문서의 공식으로 구한 값과 달라요(상대 오차 {error}). "
        "작성한 코드를 위의 공식과 한 줄씩 비교해 보세요.",
    },
    "homework_checks.no_bias_name": {"en": "grad_x of a layer without bias", "ko": "편향이 없는 계층의 grad_x"},
    "homework_checks.gradient_check_fails": {
        "en": "the gradient check of {layer} on another input fails.",
        "ko": "다른 입력에서 {layer}의 기울기 검증이 통과하지 못해요.",
    },
    # --- multiple-choice answers (backprop_lib.homework.record_choices) -----------------------
    "choice.one_letter": {
        "en": '{name} should be one letter in quotes, such as "{example}"; got {answer}.',
        "ko": '{name}에는 "{example}"처럼 따옴표 안의 글자 하나를 써야 해요. 지금 값: {answer}.',
    },
    "choice.set_of_letters": {
        "en": '{name} should be a set of letters such as {{"{example}"}}; got {answer}.',
        "ko": '{name}에는 {{"{example}"}}처럼 글자의 집합을 써야 해요. 지금 값: {answer}.',
    },
    "choice.only_letters": {
        "en": "{name} may only hold the letters {letters}; got {answer}.",
        "ko": "{name}에는 {letters} 글자만 쓸 수 있어요. 지금 값: {answer}.",
    },
    "choice.recorded": {
        "en": "{name}: {letters} (recorded; graded when you hand in)",
        "ko": "{name}: {letters} (기록했어요. 제출한 뒤에 채점해요)",
    },
    # --- describing what a learner passed (backprop_lib.errors.describe) ----------------------
    "describe.object": {"en": "a {type_name} ({value})", "ko": "{type_name} 값 ({value})"},
    "describe.array": {"en": "an array of shape {shape} ({dtype})", "ko": "모양이 {shape}인 배열 ({dtype})"},
    # --- figures (backprop_lib.figures): titles, axis labels, legends --------------------------
    "figure.loss_title": {"en": "Loss during training", "ko": "학습하는 동안의 손실"},
    "figure.epoch": {"en": "epoch", "ko": "에폭(epoch)"},
    "figure.epoch_word": {"en": "epoch", "ko": "에폭"},
    "figure.graph_output": {"en": "output", "ko": "출력"},
    "figure.loss": {"en": "loss", "ko": "손실"},
    "figure.log_scale": {"en": "{label} (log scale)", "ko": "{label} (로그 눈금)"},
    "figure.forward_above": {"en": "forward value (above)", "ko": "순전파 값 (위)"},
    "figure.gradient_below": {"en": "gradient (below)", "ko": "기울기 (아래)"},
    "figure.apple_price": {"en": "apple price", "ko": "사과 가격"},
    "figure.apple_count": {"en": "apple count", "ko": "사과 개수"},
    "figure.orange_price": {"en": "orange price", "ko": "귤 가격"},
    "figure.orange_count": {"en": "orange count", "ko": "귤 개수"},
    "figure.tax": {"en": "tax", "ko": "소비세"},
    "figure.total": {"en": "total", "ko": "총액"},
    "figure.apples_times": {"en": "apple ×", "ko": "사과 ×"},
    "figure.oranges_times": {"en": "orange ×", "ko": "귤 ×"},
    "figure.tax_times": {"en": "tax ×", "ko": "소비세 ×"},
    "figure.apple_shop_title": {
        "en": "Apple shop: forward values and gradients",
        "ko": "사과 가게: 순전파 값과 기울기",
    },
    "figure.apples_oranges_title": {
        "en": "Apples and oranges: forward values and gradients",
        "ko": "사과와 귤: 순전파 값과 기울기",
    },
    "figure.neuron_title": {"en": "One neuron, target y = {y}", "ko": "뉴런 하나, 목표값 y = {y}"},
    "figure.sigmoid_title": {
        "en": "The sigmoid taken apart into four nodes",
        "ko": "시그모이드를 네 개의 노드로 나누기",
    },
    "figure.input_layer": {"en": "input layer", "ko": "입력층"},
    "figure.hidden_layer": {"en": "hidden layer", "ko": "은닉층"},
    "figure.output_layer": {"en": "output layer", "ko": "출력층"},
    "figure.decision_regions": {"en": "Decision regions", "ko": "결정 영역"},
    "figure.class": {"en": "class {k}", "ko": "클래스 {k}"},
    "figure.right_count": {"en": "{right} of {count} right", "ko": "{count}개 중 {right}개 맞음"},
    "figure.one_line_title": {"en": "One line cannot separate XOR", "ko": "직선 하나로는 XOR을 나눌 수 없어요"},
    "figure.hidden_space_title": {"en": "The inputs as the hidden layer sees them", "ko": "은닉층이 보는 입력"},
    "figure.output_half": {"en": "output unit = 0.5", "ko": "출력 유닛 = 0.5"},
    "figure.output_plane": {"en": "the output unit's plane", "ko": "출력 유닛의 평면"},
    "figure.along_plane": {"en": "seen along that plane", "ko": "그 평면을 따라 본 모습"},
    # Korean labels write math in Unicode, never $…$: matplotlib sets a label holding $…$ entirely
    # with mathtext, whose text font has no fallback, so its Hangul would be boxes (tests/test_fonts.py).
    "figure.probability_y": {"en": "probability $y_k$", "ko": "확률 yₖ"},
    "figure.target_t": {"en": "target $t_k$ = 1", "ko": "정답 tₖ = 1"},
    "figure.gradient_s": {"en": r"gradient $\partial L/\partial s_k = y_k - t_k$", "ko": "기울기 ∂L/∂sₖ = yₖ − tₖ"},
    "figure.gradient_z": {
        "en": r"gradient $\partial L/\partial z_k = y_k - t_k$, $z = s/\tau$",
        "ko": "기울기 ∂L/∂zₖ = yₖ − tₖ, z = s/τ",
    },
    "figure.cross_entropy_suffix": {
        "en": ";  cross-entropy $-\\log y_{{{target}}}$ = {loss}",
        "ko": ";  정답 클래스 {target}의 교차 엔트로피 −log y = {loss}",
    },
    "figure.softmax_title": {"en": "softmax(scores)", "ko": "softmax(점수)"},
    "figure.softmax_title_scaled": {"en": "softmax(scores / {temperature})", "ko": "softmax(점수 / {temperature})"},
    "figure.class_score": {"en": "class {k}\nscore {score}", "ko": "클래스 {k}\n점수 {score}"},
    "figure.class_score_below": {"en": "class (score below it)", "ko": "클래스 (아래는 점수)"},
    "figure.probability": {"en": "probability", "ko": "확률"},
    "figure.probability_gradient": {"en": "probability / gradient", "ko": "확률 / 기울기"},
    "figure.p_true_class": {"en": "p = probability given to the true class", "ko": "p = 정답 클래스에 준 확률"},
    "figure.loss_minus_log_p": {"en": r"loss $L = -\log p$", "ko": "손실 L = −log p"},
    "figure.cross_entropy_title": {
        "en": "Cross-entropy: the surprise at the right answer",
        "ko": "교차 엔트로피: 정답을 보고 놀란 정도",
    },
    # --- figure descriptions (text alternatives, backprop_lib.figures.described): one group per figure
    # module, read there as TEXT = Templates("describe.<module>"). Sentences built from the figure's numbers.
    "describe.figure.titles": {"en": "Figure: {titles}", "ko": "그림: {titles}"},
    "describe.figure.none": {"en": "Figure without a description", "ko": "설명이 없는 그림"},
    "describe.optimizers.figure": {
        "en": "Paths of optimizers, {steps} steps each, on the narrow valley L = ½(w₁² + {steepness}·w₂²), "
        "from (w₁, w₂) = ({w1:g}, {w2:g}); the minimum is at (0, 0).",
        "ko": "좁은 골짜기 L = ½(w₁² + {steepness}·w₂²) 위에서 (w₁, w₂) = ({w1:g}, {w2:g})에서 출발해 "
        "{steps}걸음씩 움직인 옵티마이저들의 경로예요. 최솟값은 (0, 0)에 있어요.",
    },
    "describe.optimizers.path": {
        "en": "{label}: after {steps} steps at ({w1}, {w2}), loss {loss}, crossed the valley floor {crossings} times.",
        "ko": "{label}: {steps}걸음 뒤 ({w1}, {w2})에 있고 손실은 {loss}, 골짜기 바닥을 {crossings}번 건넜어요.",
    },
    "describe.optimizers.rates": {
        "en": "Plain SGD on the same valley with {count} learning rates, {steps} steps each, one panel each.",
        "ko": "같은 골짜기에서 학습률 {count}가지로 {steps}걸음씩 움직인 SGD예요. 학습률마다 그림 한 칸이에요.",
    },
    "figure.optimizers.along": {"en": "w₁ (along the valley)", "ko": "w₁ (골짜기를 따라)"},
    "figure.optimizers.across": {"en": "w₂ (across)", "ko": "w₂ (골짜기를 가로질러)"},
    "figure.optimizers.title": {
        "en": "{steps} steps on a narrow valley, L = ½(w₁² + {steepness}·w₂²)",
        "ko": "좁은 골짜기에서 {steps}걸음, L = ½(w₁² + {steepness}·w₂²)",
    },
    "figure.optimizers.too_small": {"en": "too small", "ko": "너무 작음"},
    "figure.optimizers.about_right": {"en": "about right", "ko": "알맞음"},
    "figure.optimizers.too_large": {"en": "too large", "ko": "너무 큼"},
    "figure.optimizers.legend": {
        "en": "{label}: loss {loss} after {steps}",
        "ko": "{label}: {steps}걸음 뒤 손실 {loss}",
    },
    "figure.optimizers.loss_after": {"en": "loss after {steps}: {loss}", "ko": "{steps}걸음 뒤 손실: {loss}"},
    "gradcheck.gradient": {"en": "gradient", "ko": "기울기"},
    "gradcheck.relative": {"en": "relative error", "ko": "상대 오차"},
    "gradcheck.verdict": {"en": "verdict", "ko": "판정"},
    "gradcheck.agrees": {"en": "agrees", "ko": "일치"},
    "gradcheck.input": {"en": "input", "ko": "입력"},
    "gradcheck.differs": {"en": "DIFFERS", "ko": "다름"},
    "describe.curves.figure": {
        "en": "{title}: {ylabel} per {xlabel}{scale}.",
        "ko": "{title}: {xlabel}마다의 {ylabel}{scale}.",
    },
    "describe.curves.log": {"en": ", on a log scale", "ko": ", 로그 눈금"},
    "describe.curves.run": {
        "en": "{name}{count} {xlabel}s from {first} at {xlabel} 0 to {last} at {xlabel} {end}, lowest {low}, first "
        "reached at {xlabel} {at}.",
        "ko": "{name}{xlabel} {count}번: {xlabel} 0에서 {first}, {xlabel} {end}에서 {last}, "
        "가장 낮은 값 {low}에는 {xlabel} {at}에서 처음 닿아요.",
    },
    "describe.curves.name": {"en": "{name}: ", "ko": "{name}: "},
    "describe.graphs.graph": {
        "en": "{title}Computational graph of {nodes} nodes; each edge's forward value is written above it, "
        "its gradient below it.",
        "ko": "{title}노드 {nodes}개의 계산 그래프예요. 에지마다 위에는 순전파 값, 아래에는 기울기가 적혀 있어요.",
    },
    "describe.graphs.title": {"en": "{title}. ", "ko": "{title}. "},
    "describe.graphs.edge": {
        "en": "{source} to {target}: {numbers}.",
        "ko": "{source}에서 {target} 쪽으로: {numbers}.",
    },
    "describe.graphs.forward": {"en": "forward value {value}", "ko": "순전파 값 {value}"},
    "describe.graphs.gradient": {"en": "gradient {value}", "ko": "기울기 {value}"},
    "describe.graphs.nothing": {"en": "no numbers", "ko": "수 없음"},
    "describe.graphs.value_input": {
        "en": "{name}: input = {value}, gradient {grad}",
        "ko": "{name}: 입력 = {value}, 기울기 {grad}",
    },
    "describe.graphs.value_op": {
        "en": "{name}: {op} of ({inputs}) = {value}, gradient {grad}",
        "ko": "{name}: ({inputs})의 {op} = {value}, 기울기 {grad}",
    },
    "describe.network.title": {"en": "{title}. ", "ko": "{title}. "},
    "describe.network.network": {
        "en": "{title}A fully connected network, layers left to right: {layers}.",
        "ko": "{title}완전 연결 신경망이에요. 왼쪽에서 오른쪽으로 층: {layers}.",
    },
    "describe.network.layer": {"en": "{name} {units}", "ko": "{name} {units}"},
    "describe.network.weights": {"en": "Weights: {items}.", "ko": "가중치: {items}."},
    "describe.network.weight": {
        "en": "{name} from {source} to {target}{value}",
        "ko": "{source}에서 {target} 쪽으로 가는 {name}{value}",
    },
    "describe.network.weight_value": {"en": " = {value}", "ko": " = {value}"},
    "describe.network.values": {
        "en": "Forward values above the units: {items}.",
        "ko": "유닛 위의 순전파 값: {items}.",
    },
    "describe.network.gradients": {"en": "Gradients below the units: {items}.", "ko": "유닛 아래의 기울기: {items}."},
    "describe.network.notes": {"en": "Notes under the weights: {items}.", "ko": "가중치 아래의 메모: {items}."},
    "describe.network.item": {"en": "{name} {value}", "ko": "{name} {value}"},
    "describe.network.highlight": {"en": "In focus: {items}.", "ko": "강조한 것: {items}."},
    "describe.network.caption": {"en": "Caption: {caption}", "ko": "설명: {caption}"},
    "describe.regions.regions": {
        "en": "{title}: the plane from x1 = {x0} to {x1} and x2 = {y0} to {y1}, shaded by the class the model "
        "predicts ({shares}).",
        "ko": "{title}: x1 = {x0}에서 {x1}까지, x2 = {y0}에서 {y1}까지의 평면을 모델이 예측한 클래스에 따라 "
        "색칠했어요({shares}).",
    },
    "describe.regions.share": {"en": "{name} on {percent}% of it", "ko": "{name}: 평면의 {percent}%"},
    "describe.regions.boundary": {
        "en": " A line marks where the probability of {name} is 0.5.",
        "ko": " {name}의 확률이 0.5인 곳에 선이 있어요.",
    },
    "describe.regions.point": {"en": "({x1}, {x2}), {name}: {verdict}", "ko": "({x1}, {x2}), {name}: {verdict}"},
    "describe.regions.point_right": {"en": "predicted right", "ko": "맞게 예측"},
    "describe.regions.point_wrong": {"en": "predicted {name}, wrong", "ko": "예측 {name}, 틀림"},
    "describe.regions.points": {"en": "Points: {items}.", "ko": "점: {items}."},
    "describe.regions.class_count": {
        "en": "{name}: {count} points, {right} predicted right",
        "ko": "{name}: 점 {count}개 중 {right}개 맞게 예측",
    },
    "describe.regions.right": {
        "en": "{right} of {count} points lie in the region of their own class.",
        "ko": "점 {count}개 중 {right}개가 자기 클래스의 영역에 있어요.",
    },
    "describe.regions.attempts": {
        "en": "{title}: {count} panels, each cuts the plane with one straight line (class 1 where "
        "w·x + b > 0); wrongly classified points are ringed.",
        "ko": "{title}: 그림 {count}개, 각각 직선 하나로 평면을 나눠요(w·x + b > 0인 쪽이 클래스 1). "
        "잘못 분류한 점에는 고리를 둘렀어요.",
    },
    "describe.regions.attempt": {
        "en": "Panel {number}: {line} > 0 gets {right} of {count} right{wrong}.",
        "ko": "그림 {number}: {line} > 0은 {count}개 중 {right}개를 맞혀요{wrong}.",
    },
    "describe.regions.attempt_wrong": {"en": "; wrong: {points}", "ko": "; 틀린 점: {points}"},
    "describe.regions.hidden_lines": {
        "en": "Lines where each hidden unit's weighted input is 0 (its sigmoid output 0.5), "
        "with an arrow to the side where it is switched on: {items}.",
        "ko": "은닉 유닛마다 가중 입력이 0인(시그모이드 출력이 0.5인) 직선과, 그 유닛이 켜지는 쪽을 가리키는 "
        "화살표: {items}.",
    },
    "describe.regions.hidden_line": {"en": "{name}: {line} = 0", "ko": "{name}: {line} = 0"},
    "describe.regions.space": {
        "en": "{title}: the {count} inputs as points in the space of the {units} hidden units' outputs. {items}.",
        "ko": "{title}: 입력 {count}개를 은닉 유닛 {units}개의 출력이 이루는 공간의 점으로 나타냈어요. {items}.",
    },
    "describe.regions.space_point": {"en": "{name} at ({coords}), {label}", "ko": "{name}: 위치 ({coords}), {label}"},
    "describe.regions.plane": {
        "en": " The plane where the output unit is 0.5, {line} = 0: on its side above 0.5 lie {above}; "
        "on the other side {below}.",
        "ko": " 출력 유닛이 0.5인 평면 {line} = 0: 0.5보다 큰 쪽에는 {above}, 반대쪽에는 {below}.",
    },
    "describe.regions.nothing": {"en": "no point", "ko": "점 없음"},
    "describe.regions.input": {"en": "input {number}", "ko": "입력 {number}"},
    "describe.softmax.softmax": {
        "en": "{title}: a bar per class for the probability y{gradient}. {items}.",
        "ko": "{title}: 클래스마다 확률 y의 막대{gradient}. {items}.",
    },
    "describe.softmax.scaled": {
        "en": " (scores divided by the temperature {temperature})",
        "ko": " (점수를 나눈 온도: {temperature})",
    },
    "describe.softmax.with_gradient": {
        "en": ", the true class {target} outlined, and beside each a hatched bar for the gradient y - t",
        "ko": ", 정답 클래스 {target}에 테두리, 그리고 막대마다 옆에 기울기 y - t의 빗금 막대",
    },
    "describe.softmax.class": {
        "en": "class {k}, score {score}: probability {probability}",
        "ko": "클래스 {k}, 점수 {score}: 확률 {probability}",
    },
    "describe.softmax.class_gradient": {"en": ", gradient {gradient}", "ko": ", 기울기 {gradient}"},
    "describe.softmax.loss": {
        "en": " Cross-entropy -log y{target} = {loss}.",
        "ko": " 교차 엔트로피 -log y{target} = {loss}.",
    },
    "describe.softmax.curve": {
        "en": "{title}: the loss L = -log p against the probability p given to the true class, from p = 0.005 "
        "(L = 5.3) down to p = 1 (L = 0); the loss grows without bound as p approaches 0.",
        "ko": "{title}: 정답 클래스에 준 확률 p에 따른 손실 L = -log p, p = 0.005(L = 5.3)에서 p = 1(L = 0)까지. "
        "p가 0에 가까워질수록 손실은 끝없이 커져요.",
    },
    "describe.softmax.marked": {"en": " Marked: {items}.", "ko": " 표시한 점: {items}."},
    "describe.softmax.mark": {"en": "{name}: p = {p}, L = {loss}", "ko": "{name}: 확률 p = {p}, 손실 L = {loss}"},
    "describe.digits.grid": {
        "en": "{count} digits, each an 8×8 image of grey pixels with its label above it: {labels}.",
        "ko": "숫자 {count}개, 각각 회색 픽셀로 된 8×8 이미지이고 위에 레이블이 있어요: {labels}.",
    },
    "describe.digits.counts": {
        "en": "{title}: for each class 0 to 9, one bar per part. {items}.",
        "ko": "{title}: 클래스 0부터 9까지 클래스마다 부분별로 막대가 하나씩 있어요. {items}.",
    },
    "describe.digits.counts_part": {
        "en": "{name} ({total} images), classes 0 to 9: {counts}",
        "ko": "{name} (이미지 {total}개), 클래스 0부터 9까지: {counts}",
    },
    "describe.digits.curves": {
        "en": "{title}: loss (log scale) and accuracy per epoch, training dashed, validation solid. {items}",
        "ko": "{title}: 에폭마다의 손실(로그 눈금)과 정확도, 훈련은 점선, 검증은 실선이에요. {items}",
    },
    "describe.digits.curves_run": {
        "en": "{name}: {epochs} epochs; at the last one training loss {loss} and accuracy {accuracy}{validation}.",
        "ko": "{name}: 에폭 {epochs}번; 마지막 에폭에서 훈련 손실 {loss}, 정확도 {accuracy}{validation}.",
    },
    "describe.digits.curves_validation": {
        "en": ", validation loss {loss} and accuracy {accuracy}, lowest validation loss at epoch {best}",
        "ko": ", 검증 손실 {loss}, 정확도 {accuracy}, 검증 손실이 가장 낮은 에폭은 {best}",
    },
    "describe.digits.curves_kept": {
        "en": "; training stopped early and kept the weights of epoch {best} (a grey vertical line)",
        "ko": "; 일찍 멈추고 {best} 에폭의 가중치를 간직했어요(회색 세로줄)",
    },
    "describe.digits.spread": {
        "en": "{title}: a histogram per hidden layer and initial scale. {items}",
        "ko": "{title}: 은닉층과 초기 크기마다 히스토그램이 하나씩 있어요. {items}",
    },
    "describe.digits.spread_scale": {"en": "{name}: {layers}.", "ko": "{name}: {layers}."},
    "describe.digits.spread_layer": {
        "en": "layer {layer} std {std}, {zeros}% zeros",
        "ko": "{layer}층 표준편차 {std}, 0인 값 {zeros}%",
    },
    "describe.digits.search": {
        "en": "{title}, by learning rate (rows) and hidden units (columns): {items}. "
        "Best: learning rate {rate}, {size} hidden units, {accuracy}.",
        "ko": "{title}, 학습률(행)과 은닉 유닛 수(열)에 따라: {items}. "
        "가장 좋은 설정: 학습률 {rate}, 은닉 유닛 {size}개, {accuracy}.",
    },
    "describe.digits.search_row": {"en": "learning rate {rate}: {values}", "ko": "학습률 {rate}: {values}"},
    "describe.digits.search_cell": {"en": "{size} units {accuracy}", "ko": "유닛 {size}개 {accuracy}"},
    "describe.digits.confusion": {
        "en": "{title}: true class in rows, predicted class in columns. {right} of {count} test digits lie on "
        "the diagonal (predicted right). {mistakes}",
        "ko": "{title}: 행은 정답 클래스, 열은 예측한 클래스예요. 테스트 숫자 {count}개 중 {right}개가 대각선 위에 "
        "있어요(맞게 예측). {mistakes}",
    },
    "describe.digits.confusion_mistakes": {"en": "Mistakes: {items}.", "ko": "틀린 것: {items}."},
    "describe.digits.confusion_mistake": {
        "en": "{true} taken for {predicted} {count}×",
        "ko": "정답 {true}, 예측 {predicted}: {count}번",
    },
    "describe.digits.confusion_none": {"en": "No mistakes.", "ko": "틀린 것이 없어요."},
    "describe.digits.wrong": {
        "en": "{title}: {count} digits, each above its ten softmax probabilities. {items}.",
        "ko": "{title}: 숫자 {count}개, 각각 아래에 소프트맥스 확률 10개가 있어요. {items}.",
    },
    "describe.digits.wrong_digit": {
        "en": "true {true}, said {predicted} with p = {p} (p of the true class {p_true})",
        "ko": "정답 {true}, 예측 {predicted}, 확률 p = {p} (정답 클래스의 p {p_true})",
    },
    "describe.digits.weights": {
        "en": "{title}: {count} hidden units, each drawn as an 8×8 image of its 64 input weights; "
        "the weights shown range from {low} to {high}.",
        "ko": "{title}: 은닉 유닛 {count}개, 각각 입력 가중치 64개를 8×8 이미지로 그렸어요. "
        "그려진 가중치는 {low}에서 {high}까지예요.",
    },
    "describe.digits.probabilities": {
        "en": "{title}. An 8×8 digit with {ink} ink pixels beside the softmax probability of each class: "
        "{items}.{true}",
        "ko": "{title}. 잉크 픽셀이 {ink}개인 8×8 숫자와, 그 옆에 클래스마다의 소프트맥스 확률: {items}.{true}",
    },
    "describe.digits.probabilities_true": {
        "en": " The true class is {true_class}.",
        "ko": " 정답 클래스: {true_class}.",
    },
    # --- lesson 6's figure labels (backprop_lib.figures.digits) ---------------------------------------
    "figure.digits_class": {"en": "class (digit)", "ko": "클래스 (숫자)"},
    "figure.digits_image_count": {"en": "number of images", "ko": "이미지 수"},
    "figure.digits_counts_title": {
        "en": "Class counts in each part of the split",
        "ko": "나눈 부분마다의 클래스별 개수",
    },
    "figure.digits_learning_curves": {"en": "Learning curves", "ko": "학습 곡선"},
    "figure.digits_accuracy": {"en": "accuracy", "ko": "정확도"},
    "figure.digits_solid_dashed": {"en": "solid: validation\ndashed: training", "ko": "실선: 검증\n점선: 훈련"},
    "figure.digits_kept": {"en": "weights kept: epoch {epoch}", "ko": "간직한 가중치: {epoch} 에폭"},
    "figure.digits_layer_std": {"en": "layer {layer}: std {std}", "ko": "{layer}층: 표준편차 {std}"},
    "figure.digits_spread_title": {
        "en": "Outputs of each hidden ReLU layer, by initial weight scale",
        "ko": "초기 가중치 크기에 따른 은닉 ReLU 층의 출력",
    },
    "figure.digits_search_title": {"en": "Validation accuracy of each setting", "ko": "설정마다의 검증 정확도"},
    "figure.digits_predicted_class": {"en": "predicted class", "ko": "예측한 클래스"},
    "figure.digits_true_class": {"en": "true class", "ko": "정답 클래스"},
    "figure.digits_confusion_title": {"en": "Confusion matrix (test digits)", "ko": "혼동 행렬 (테스트 숫자)"},
    "figure.digits_none_wrong": {"en": "No misclassified digits.", "ko": "잘못 분류한 숫자가 없어요."},
    "figure.digits_true_said": {
        "en": "true {true}, said {predicted}\np = {p}",
        "ko": "정답 {true}, 예측 {predicted}\np = {p}",
    },
    "figure.digits_misclassified_title": {
        "en": "Misclassified test digits: hatched bar = true class, dotted bar = predicted class",
        "ko": "잘못 분류한 테스트 숫자: 빗금 막대 = 정답 클래스, 점무늬 막대 = 예측한 클래스",
    },
    "figure.digits_unit": {"en": "unit {number}", "ko": "유닛 {number}"},
    "figure.digits_weights_title": {
        "en": "First-layer weights as 8×8 images (blue: positive, red: negative)",
        "ko": "8×8 이미지로 본 첫 층의 가중치 (파랑: 양수, 빨강: 음수)",
    },
    "figure.digits_the_digit": {"en": "the digit", "ko": "숫자"},
    "figure.digits_softmax_probability": {"en": "softmax probability", "ko": "소프트맥스 확률"},
    "figure.digits_network_says": {
        "en": "the network says {predicted} (p = {p})",
        "ko": "신경망의 답: {predicted} (p = {p})",
    },
    # --- explorers (backprop_lib.explorers): titles, controls, captions, one-line summaries --------
    "explorer.hint": {
        "en": "Run this cell in JupyterLab to move the controls.",
        "ko": "조작 요소를 움직이려면 JupyterLab에서 이 셀을 실행하세요.",
    },
    "apple.title": {"en": "Apple-shop explorer", "ko": "사과 가게 탐색기"},
    "apple.summary": {
        "en": "apple price {price}, apple count {count}, tax {tax} → total {total}; gradients: "
        "∂total/∂price {grad_price}, ∂total/∂count {grad_count}, ∂total/∂tax {grad_tax}",
        "ko": "사과 가격 {price}, 사과 개수 {count}, 소비세 {tax} → 총액 {total}; 기울기: "
        "∂총액/∂가격 {grad_price}, ∂총액/∂개수 {grad_count}, ∂총액/∂소비세 {grad_tax}",
    },
    "apple.caption": {
        "en": "<p>total = price × count × tax = {price} × {count} × {tax} = <b "
        "style='color:{forward_color}'>{total}</b><br>"
        "∂total/∂price = count × tax = <b style='color:{gradient_color}'>{grad_price}</b>, "
        "∂total/∂count = price × tax = <b style='color:{gradient_color}'>{grad_count}</b>, "
        "∂total/∂tax = price × count = <b style='color:{gradient_color}'>{grad_tax}</b></p>",
        "ko": "<p>총액 = 가격 × 개수 × 소비세 = {price} × {count} × {tax} = <b "
        "style='color:{forward_color}'>{total}</b><br>"
        "∂총액/∂가격 = 개수 × 소비세 = <b style='color:{gradient_color}'>{grad_price}</b>, "
        "∂총액/∂개수 = 가격 × 소비세 = <b style='color:{gradient_color}'>{grad_count}</b>, "
        "∂총액/∂소비세 = 가격 × 개수 = <b style='color:{gradient_color}'>{grad_tax}</b></p>",
    },
    "softmax.title": {"en": "Softmax explorer", "ko": "소프트맥스 탐색기"},
    "softmax.summary": {
        "en": "scores ({scores}), temperature {temperature}, target class {target}: probabilities "
        "({probabilities}), cross-entropy {loss}, gradient y − t ({gradient})",
        "ko": "점수 ({scores}), 온도 {temperature}, 정답 클래스 {target}: 확률 ({probabilities}), "
        "교차 엔트로피 {loss}, 기울기 y − t ({gradient})",
    },
    "softmax.caption": {
        "en": "<p>cross-entropy L = −log y<sub>{target}</sub> = <b>{loss}</b>. The gradient with respect to the "
        "scaled scores z = s / τ is y − t; with respect to the scores s it is (y − t) / τ.</p>",
        "ko": "<p>교차 엔트로피 L = −log y<sub>{target}</sub> = <b>{loss}</b>. 온도로 나눈 점수 z = s / τ에 대한 "
        "기울기는 y − t이고, 점수 s에 대한 기울기는 (y − t) / τ예요.</p>",
    },
    "softmax.score_s": {"en": "score s", "ko": "점수 s"},
    "softmax.score": {"en": "score {k}", "ko": "점수 {k}"},
    "softmax.temperature": {"en": "temperature τ", "ko": "온도 τ"},
    "softmax.target": {"en": "target", "ko": "정답"},
    "xor.title": {"en": "XOR training explorer", "ko": "XOR 학습 탐색기"},
    "xor.summary_solved": {
        "en": "final loss (mean squared error) {loss}; outputs for (0,0), (0,1), (1,0), (1,1): {outputs} → XOR solved",
        "ko": "최종 손실(평균 제곱 오차) {loss}; (0,0), (0,1), (1,0), (1,1)의 출력: {outputs} → XOR 해결",
    },
    "xor.summary_unsolved": {
        "en": "final loss (mean squared error) {loss}; outputs for (0,0), (0,1), (1,0), (1,1): {outputs} → XOR not "
        "solved",
        "ko": "최종 손실(평균 제곱 오차) {loss}; (0,0), (0,1), (1,0), (1,1)의 출력: {outputs} → XOR 해결 못 함",
    },
    "xor.decision_region": {"en": "Decision region", "ko": "결정 영역"},
    "xor.describe_left": {"en": "{settings}. Left:", "ko": "{settings}. 왼쪽:"},
    "xor.describe_right": {"en": "Right:", "ko": "오른쪽:"},
    "xor.hidden_units": {"en": "hidden units", "ko": "은닉 유닛 수"},
    "xor.activation": {"en": "activation", "ko": "활성화 함수"},
    "xor.learning_rate": {"en": "learning rate", "ko": "학습률"},
    "xor.seed": {"en": "seed", "ko": "시드"},
    "xor.epochs": {"en": "epochs", "ko": "에폭 수"},
    "xor.settings": {
        "en": "{hidden} hidden units ({activation}), learning rate {rate}, seed {seed}, {epochs} epochs",
        "ko": "은닉 유닛 {hidden}개 ({activation}), 학습률 {rate}, 시드 {seed}, 에폭 {epochs}번",
    },
    "digits.title": {"en": "Digit explorer", "ko": "숫자 탐색기"},
    "digits.picker": {"en": "test digit", "ko": "테스트 숫자"},
    "digits.pixel": {"en": "pixel row {row}, column {column}", "ko": "픽셀 {row}행 {column}열"},
    "digits.caption": {
        "en": "<p>Test digit {index} (true class {true_class}). Press a square to switch that pixel between ink "
        "and paper. The network says <b>{predicted}</b>.</p>",
        "ko": "<p>테스트 숫자 {index} (정답 클래스 {true_class}). 네모를 누르면 그 픽셀이 잉크와 종이 사이에서 "
        "바뀌어요. 신경망의 답: <b>{predicted}</b>.</p>",
    },
    "digits.says": {
        "en": "the network says {predicted} (most likely classes {listed})",
        "ko": "신경망의 답: {predicted} (가능성이 가장 높은 클래스 {listed})",
    },
    "digits.summary": {
        "en": "test digit {index}, true class {true_class}: {state}",
        "ko": "테스트 숫자 {index}, 정답 클래스 {true_class}: {state}",
    },
    "stepper.title": {"en": "2-2-2 network stepper", "ko": "2-2-2 신경망 단계별 보기"},
    "stepper.inputs": {
        "en": "inputs x1 = {x1}, x2 = {x2}; targets t1 = {t1}, t2 = {t2}",
        "ko": "입력 x1 = {x1}, x2 = {x2}; 목표값 t1 = {t1}, t2 = {t2}",
    },
    "stepper.inputs_enter": {"en": "the inputs enter the network", "ko": "입력이 신경망에 들어가요"},
    "stepper.error": {
        "en": "error E = ½(t1 − o1)² + ½(t2 − o2)² = {error}",
        "ko": "오차 E = ½(t1 − o1)² + ½(t2 − o2)² = {error}",
    },
    "stepper.headline": {
        "en": "local gradient ∂{unit}/∂{z} = {local};  chain product ∂E/∂{z} = {grad_out} × {local} = {delta}",
        "ko": "국소적 미분 ∂{unit}/∂{z} = {local};  연쇄 곱 ∂E/∂{z} = {grad_out} × {local} = {delta}",
    },
    "stepper.update_caption": {
        "en": "<p><b>Update {count}</b> (learning rate {rate}): every weight moved by −{rate} × ∂E/∂W. "
        "Error E {before} → <b>{after}</b></p>",
        "ko": "<p><b>갱신 {count}번째</b> (학습률 {rate}): 모든 가중치가 −{rate} × ∂E/∂W만큼 움직였어요. "
        "오차 E {before} → <b>{after}</b></p>",
    },
    "stepper.update_table_head": {
        "en": "<th>weight</th><th>before</th><th>after</th>",
        "ko": "<th>가중치</th><th>갱신 전</th><th>갱신 후</th>",
    },
    "stepper.after_update": {
        "en": "After update {count} (learning rate {rate})",
        "ko": "갱신 {count}번 뒤 (학습률 {rate})",
    },
    "stepper.error_change": {"en": "error E {before} → {after}", "ko": "오차 E {before} → {after}"},
    "stepper.forward_step": {"en": "forward pass, step {step} of {count}", "ko": "순전파, {count}단계 중 {step}단계"},
    "stepper.backward_step": {"en": "backward pass, step {step} of {count}", "ko": "역전파, {count}단계 중 {step}단계"},
    "stepper.forward_pass": {"en": "forward pass (순전파)", "ko": "순전파 (forward pass)"},
    "stepper.backward_pass": {"en": "backward pass (역전파)", "ko": "역전파 (backward pass)"},
    "stepper.chain": {
        "en": "<br>local gradient {local}, running chain product ∂E/∂z = <b style='color:{gradient_color}'>{value}</b>",
        "ko": "<br>국소적 미분 {local}, 지금까지의 연쇄 곱 ∂E/∂z = <b style='color:{gradient_color}'>{value}</b>",
    },
    "stepper.paths_add": {"en": "the two paths add up", "ko": "두 경로의 기울기를 더함"},
    "stepper.where": {
        "en": "<b>{name}</b>, step {step} of {count} (updates taken: {updates})",
        "ko": "<b>{name}</b>, {count}단계 중 {step}단계 (지금까지 갱신 {updates}번)",
    },
    "stepper.update_summary": {
        "en": "update {count}: E {before} → {after}",
        "ko": "갱신 {count}번: E {before} → {after}",
    },
    "stepper.forward_summary": {
        "en": "step {step} of {count} (forward pass): {formula}",
        "ko": "{count}단계 중 {step}단계 (순전파): {formula}",
    },
    "stepper.backward_summary": {
        "en": "step {step} of {count} (backward pass): {formula}",
        "ko": "{count}단계 중 {step}단계 (역전파): {formula}",
    },
    "stepper.previous": {"en": "◀ previous step", "ko": "◀ 이전 단계"},
    "stepper.previous_tip": {"en": "go back one step", "ko": "한 단계 뒤로"},
    "stepper.next": {"en": "next step ▶", "ko": "다음 단계 ▶"},
    "stepper.next_tip": {"en": "go on one step", "ko": "한 단계 앞으로"},
    "stepper.update": {"en": "take one update", "ko": "한 번 갱신하기"},
    "stepper.update_tip": {
        "en": "change every weight by −{rate} × its gradient",
        "ko": "모든 가중치를 −{rate} × 기울기만큼 바꿔요",
    },
    # --- the grader's feedback (course_tools.grading), in the submission's language ------------
    "problem.invalid-notebook": {
        "en": "The file is not a notebook the grader can read: {detail}",
        "ko": "채점기가 읽을 수 있는 노트북 파일이 아니에요: {detail}",
    },
    "problem.wrong-assignment": {
        "en": "This is not the assignment's notebook: {detail}",
        "ko": "이 과제의 노트북이 아니에요: {detail}",
    },
    "problem.missing-answers": {
        "en": "Your notebook does not have {cell} (deleted, or replaced by a new cell), so that exercise was "
        "graded as unanswered. Write answers into the lesson's own exercise cells.",
        "ko": "노트북에 {cell}이(가) 없어요(지웠거나 새 셀로 바꿨어요). 그래서 그 연습은 답하지 않은 것으로 "
        "채점했어요. 답은 강의 노트북에 있던 연습 셀에 쓰세요.",
    },
    "problem.relocated-answer": {
        "en": "Your notebook does not have {cell}, but a new cell starts with its first line; that cell was graded "
        "as your answer. Next time write in the lesson's own exercise cell.",
        "ko": "노트북에 {cell}이(가) 없지만, 그 첫 줄로 시작하는 새 셀이 있어서 그 셀을 답으로 채점했어요. "
        "다음에는 강의 노트북에 있던 연습 셀에 쓰세요.",
    },
    "problem.unanswered": {
        "en": "Answer cells as the lesson handed them out, so not answered: {detail}.",
        "ko": "답하지 않은 답 셀(강의 노트북에서 받은 그대로): {detail}.",
    },
    "problem.duplicate-answers": {
        "en": "Your notebook has {cell} {detail} times; the last copy was graded.",
        "ko": "노트북에 {cell}이(가) {detail}번 나와요. 마지막 것을 채점했어요.",
    },
    "problem.reordered": {
        "en": "Your answer cells are in another order than in the lesson; they were graded in the lesson's order.",
        "ko": "답 셀의 순서가 강의 노트북과 달라요. 강의 노트북의 순서대로 채점했어요.",
    },
    "problem.not-executed": {
        "en": "Your notebook was never run (no cell has an execution count); the grader ran it all the same.",
        "ko": "노트북을 한 번도 실행하지 않았어요(실행 번호가 있는 셀이 없어요). 그래도 채점기가 모두 실행했어요.",
    },
    "problem.at_line": {"en": "(line {line})", "ko": "({line}번째 줄)"},
    "problem.output_sizes": {
        "en": "it printed {printed} kB, only the first {kept} kB were kept",
        "ko": "{printed} kB를 출력해서 처음 {kept} kB만 남겼어요",
    },
    "problem.syntax-error": {
        "en": "There is a syntax error in {cell}: {detail}",
        "ko": "{cell}에 문법 오류가 있어요: {detail}",
    },
    "problem.error": {
        "en": "An error was raised in {cell}: {detail}",
        "ko": "{cell}에서 오류가 났어요: {detail}",
    },
    "problem.memory": {
        "en": "More memory than allowed was used in {cell}: {detail}",
        "ko": "{cell}이(가) 허용된 것보다 많은 메모리를 썼어요: {detail}",
    },
    "problem.timeout": {
        "en": "The time limit was reached in {cell}, which was stopped: {detail}",
        "ko": "{cell}이(가) 시간 제한보다 오래 실행되어 멈췄어요: {detail}",
    },
    "problem.kernel-died": {
        "en": "The Python kernel stopped while running {cell}: {detail}. Later cells could not run.",
        "ko": "{cell}을(를) 실행하는 동안 파이썬 커널이 멈췄어요: {detail}. 그 뒤의 셀은 실행하지 못했어요.",
    },
    "problem.submission-timeout": {
        "en": "The whole notebook ran longer than its time limit; it was stopped in {cell}. Later cells could not run.",
        "ko": "노트북 전체가 시간 제한보다 오래 실행되어 {cell}에서 멈췄어요. 그 뒤의 셀은 실행하지 못했어요.",
    },
    "problem.too-many-processes": {
        "en": "Too many processes were started in {cell} and the notebook was stopped: {detail}. Later cells "
        "could not run.",
        "ko": "{cell}이(가) 프로세스를 너무 많이 시작해서 노트북을 멈췄어요: {detail}. 그 뒤의 셀은 실행하지 못했어요.",
    },
    "problem.output-truncated": {
        "en": "Too much was printed in {cell}: {detail}.",
        "ko": "{cell}이(가) 너무 많이 출력했어요: {detail}.",
    },
    "problem.calls-unfinished": {
        "en": "Points lost in {cell} may come from {detail}, which it calls and which lost points too: fix {detail} "
        "first. The answer itself may be right.",
        "ko": "{cell}은(는) {detail}에서 여러분이 쓴 코드를 부르는데, {detail}도 만점이 아니에요. 여기서 잃은 점수는 "
        "거기서 왔을 수 있으니 {detail}부터 고치세요. 이 답 자체는 맞을 수도 있어요.",
    },
    "problem.grader-error": {
        "en": "The grader could not finish your notebook ({detail}); your instructor will look at it.",
        "ko": "채점기가 노트북을 끝까지 채점하지 못했어요({detail}). 담당 교수자가 확인할 거예요.",
    },
    # a cell as the student knows it (the id in backquotes is for the instructor)
    "feedback.cell_answer": {
        "en": "your answer to Exercise {number} (cell `{cell}`)",
        "ko": "연습 {number}의 답(`{cell}` 셀)",
    },
    "feedback.cell_check": {
        "en": "the check under Exercise {number} (cell `{cell}`)",
        "ko": "연습 {number}의 확인(`{cell}` 셀)",
    },
    "feedback.cell": {"en": "cell `{cell}`", "ko": "`{cell}` 셀"},
    "feedback.title": {"en": "# {name}: feedback for {student}", "ko": "# {name}: {student}님의 채점 결과"},
    "feedback.graded_file": {
        "en": "Graded file: `{student}.ipynb` with SHA-256 `{fingerprint}…`. "
        "A version handed in later is not graded here.",
        "ko": "채점한 파일: `{student}.ipynb`(SHA-256 `{fingerprint}…`). "
        "나중에 다시 낸 파일은 이 결과에 반영되지 않았어요.",
    },
    "feedback.points": {
        "en": "**{total} of {maximum} points.** Status: `{status}`.",
        "ko": "**{maximum}점 중 {total}점.** 상태: `{status}`.",
    },
    "feedback.table": {
        "en": "| exercise | points | visible checks | hidden probes |",
        "ko": "| 연습 | 점수 | 보이는 확인 | 숨은 확인 값 |",
    },
    "feedback.of": {"en": "{got} of {maximum}", "ko": "{maximum}점 중 {got}점"},
    "feedback.passed": {"en": "{passed} of {count} passed", "ko": "{count}개 중 {passed}개 통과"},
    "feedback.none": {"en": "none", "ko": "없음"},
    "feedback.scoring": {
        "en": "An exercise with hidden checks earns its points from them alone: they call your code on "
        "inputs you have not seen, and each value they print (a probe) earns its share. The grader "
        "compares those values outside your notebook; a right answer computed in float32 passes. "
        "Its visible check is there to show you what is wrong.",
        "ko": "숨은 확인이 있는 연습은 숨은 확인으로만 점수를 받아요. 숨은 확인은 여러분이 보지 못한 입력으로 "
        "여러분의 코드를 부르고, 출력하는 값 하나하나가 점수의 몫을 가져요. 채점기는 그 값을 노트북 "
        "바깥에서 비교하며, float32로 계산한 올바른 답도 통과해요. 보이는 확인은 무엇이 틀렸는지 보여 주려고 "
        "있는 거예요.",
    },
    "feedback.not_isolated": {
        "en": "Note: this notebook was graded without isolation (the grading computer has no Landlock), "
        "so the grader could not keep it from reading other files.",
        "ko": "참고: 이 노트북은 격리 없이 채점되었어요(채점 컴퓨터에 Landlock이 없어요). 그래서 채점기가 "
        "다른 파일을 읽지 못하게 막을 수 없었어요.",
    },
    "feedback.exercise_one": {"en": "exercise {number}", "ko": "연습 {number}"},
    "feedback.exercises": {"en": "exercises {numbers} and {last}", "ko": "연습 {numbers}, {last}"},
    "feedback.what_happened": {"en": "## What happened", "ko": "## 채점 중에 있었던 일"},
    "feedback.failed_check": {
        "en": "## Exercise {number}: its check did not pass (cell `{cell}`)",
        "ko": "## 연습 {number}: 확인 셀을 통과하지 못했어요(`{cell}` 셀)",
    },
    "feedback.choice_not_right": {
        "en": "## Exercise {number}: the choice you recorded is not the right one: {choices} (cell `{cell}`)",
        "ko": "## 연습 {number}: 기록한 선택이 정답이 아니에요: {choices} (`{cell}` 셀)",
    },
    "feedback.choices_not_all_right": {
        "en": "## Exercise {number}: not every choice you recorded is right: {choices} (cell `{cell}`)",
        "ko": "## 연습 {number}: 기록한 선택 가운데 정답이 아닌 것이 있어요: {choices} (`{cell}` 셀)",
    },
    "feedback.not_answered": {
        "en": "Not answered yet: {exercises}. The check of an unanswered exercise says only that it is not done, "
        "so what it expects is not repeated here; the lesson's check cells show it.",
        "ko": "{exercises}은(는) 아직 답하지 않았어요. 그 확인 셀은 아직 풀지 않았다는 것만 알려 주기 때문에 기대한 "
        "출력은 여기에 다시 싣지 않았어요. 기대한 출력은 강의 노트북의 확인 셀에서 볼 수 있어요.",
    },
    "feedback.expected": {"en": "Expected:", "ko": "기대한 출력:"},
    "feedback.printed": {"en": "Your notebook printed:", "ko": "여러분의 노트북이 출력한 것:"},
    "feedback.nothing": {"en": "(nothing)", "ko": "(아무것도 없음)"},
    "feedback.more": {"en": "… ({count} more characters)", "ko": "… (글자 {count}개 더)"},
    # --- errors a learner meets (backprop_lib.layers, backprop_lib.homework) ----------------------
    "layer.forward_fix": {
        "en": "Run forward on a batch first; backward needs what forward keeps.",
        "ko": "먼저 배치 하나로 forward를 실행하세요. backward는 forward가 저장해 둔 값이 필요해요.",
    },
    "layer.grad_shape": {
        "en": "{layer}: backward() expected a gradient of shape {expected} (the shape of this layer's output), "
        "got {got}.",
        "ko": "{layer}: backward()에는 모양이 {expected}인 기울기(이 층의 출력과 같은 모양)가 와야 하는데, "
        "{got}이(가) 왔어요.",
    },
    "affine.input_shape": {
        "en": "{layer}: expected an input of shape (batch, {inputs}) — {inputs} columns, one per input of this "
        "layer — got {got}.{hint}",
        "ko": "{layer}: 입력의 모양은 (배치, {inputs})이어야 해요(이 층의 입력 하나에 열 하나씩, {inputs}열). "
        "그런데 {got}이(가) 왔어요.{hint}",
    },
    "affine.batch_hint": {
        "en": " A single sample needs a batch axis: x.reshape(1, -1).",
        "ko": " 샘플 하나에도 배치 축이 필요해요: x.reshape(1, -1).",
    },
    "grads.not_a_dict": {
        "en": "{who}: the gradients must be a dict like {{'W1': …, 'b1': …}}, got {got}.",
        "ko": "{who}: 기울기는 {{'W1': …, 'b1': …}} 같은 dict여야 하는데, {got}이(가) 왔어요.",
    },
    "grads.names": {
        "en": "{who}: the gradients must have exactly the names of the parameters {names}; missing {missing}, "
        "unexpected {extra}.",
        "ko": "{who}: 기울기의 이름은 매개변수 이름 {names}와(과) 똑같아야 해요. 빠진 것 {missing}, 더 있는 것 "
        "{extra}.",
    },
    "grads.shape": {
        "en": "{who}: the gradient of {name} must have the shape of {name}, {shape}; got {got}.",
        "ko": "{who}: {name}의 기울기는 {name}와(과) 같은 모양 {shape}이어야 하는데, {got}이(가) 왔어요.",
    },
    "error.backward_first": {
        "en": "{who}: backward() was called before forward(). {fix}",
        "ko": "{who}: forward()보다 먼저 backward()를 불렀어요. {fix}",
    },
    "setting.whole_number": {
        "en": "{who} must be a whole number of at least {least}, got {got}.",
        "ko": "{who}은(는) {least} 이상의 정수여야 하는데, {got}이(가) 왔어요.",
    },
    "setting.whole_number_or_none": {
        "en": "{who} must be a whole number of at least {least} or None, got {got}.",
        "ko": "{who}은(는) {least} 이상의 정수 또는 None이어야 하는데, {got}이(가) 왔어요.",
    },
    "setting.positive_number": {
        "en": "{who} must be a positive finite number such as {example}, got {got}.",
        "ko": "{who}은(는) {example} 같은 유한한 양수여야 하는데, {got}이(가) 왔어요.",
    },
    "setting.non_negative_number": {
        "en": "{who} must be 0 or a positive finite number (e.g. {example}), got {got}.",
        "ko": "{who}은(는) 0 이상의 유한한 수여야 하는데, {got}이(가) 왔어요. {example} 같은 값을 넘기세요.",
    },
    "setting.fraction": {
        "en": "{who} must be in [0, 1), got {got}: use a number from 0 up to (not including) 1, such as {example}.",
        "ko": "{who}은(는) [0, 1) 범위, 곧 0 이상 1 미만의 수여야 하는데, {got}이(가) 왔어요. {example} 같은 값을 "
        "쓰세요.",
    },
    "setting.one_of": {
        "en": "{who} must be one of {choices}, got {got}.",
        "ko": "{who}은(는) {choices} 중 하나여야 하는데, {got}이(가) 왔어요.",
    },
    "setting.index": {
        "en": "{who} must be a whole number 0 … {last}, got {got}.",
        "ko": "{who}은(는) 0 … {last} 사이의 정수여야 하는데, {got}이(가) 왔어요.",
    },
    "setting.layer_sizes": {
        "en": "{who} must list at least two layer widths (inputs … outputs), each a whole number ≥ 1 such as "
        "{example}; got {got}.",
        "ko": "{who}에는 층의 너비(입력 … 출력)를 두 개 이상, 각각 1 이상의 정수로 적어야 해요(예: {example}). "
        "그런데 {got}이(가) 왔어요.",
    },
    # --- errors a learner meets, module by module (backprop_lib.nodes, value, optimizers, …) -------
    "error.nodes.forward_fix": {
        "en": "Run {call} first, so the node knows its inputs.",
        "ko": "먼저 {call}을(를) 실행해서 노드가 입력을 알게 하세요.",
    },
    "error.value.power_of_value": {
        "en": "Value ** Value: expected a positive base when the exponent is a Value (its gradient a^b·ln a needs "
        "ln a), got {base}. If the exponent is a constant, pass it as a plain number: x ** {exponent} rather "
        "than x ** Value({exponent}).",
        "ko": "Value ** Value: 지수가 Value이면 밑은 양수여야 해요(기울기 a^b·ln a에 ln a가 들어가요). 그런데 밑이 "
        "{base}이에요. 지수가 상수라면 보통의 수로 넘기세요: x ** Value({exponent}) 대신 x ** {exponent}.",
    },
    "error.value.zero_base": {
        "en": "Value ** {exponent}: expected a nonzero base for a negative exponent, got 0 (0 ** {exponent} divides "
        "by zero; x / y is computed as x * y ** -1). Keep the base away from 0, e.g. divide by (y + 1e-12).",
        "ko": "Value ** {exponent}: 지수가 음수이면 밑이 0이 아니어야 하는데, 밑이 0이에요(0 ** {exponent}은(는) 0으로 "
        "나누는 셈이고, x / y도 x * y ** -1로 계산해요). 밑이 0이 되지 않게 하세요. 예: (y + 1e-12)로 나누기.",
    },
    "error.value.negative_base": {
        "en": "Value ** {exponent}: expected a whole-number exponent for a negative base, got the base {base} (a "
        "negative number to a fractional power has no real value: Python would return a complex number). Use "
        "a whole exponent, or apply the power to a positive quantity such as x * x.",
        "ko": "Value ** {exponent}: 밑이 음수이면 지수는 정수여야 하는데, 밑이 {base}이에요(음수를 분수 지수로 "
        "거듭제곱하면 실수가 아니라 복소수가 나와요). 지수를 정수로 하거나, x * x처럼 양수인 값에 거듭제곱을 "
        "적용하세요.",
    },
    "error.value.exp": {
        "en": "Value.exp: e to the power {got} is larger than any float (the largest is about 1.8e308, e to the "
        "power 709.78). Keep the exponent smaller, e.g. by scaling the inputs down or, as a stable softmax "
        "does, subtracting the largest input from every input.",
        "ko": "Value.exp: e의 {got}제곱은 float로 나타낼 수 있는 가장 큰 수(약 1.8e308, 곧 e의 709.78제곱)보다 커요. "
        "지수가 더 작아지게 하세요. 예를 들어 입력의 크기를 줄이거나, 소프트맥스에서 하듯 모든 입력에서 가장 큰 "
        "입력을 빼세요.",
    },
    "error.value.log": {
        "en": "Value.log: expected a positive number, got {got} (the logarithm is defined only above 0, and its "
        "gradient 1/x has no value at 0). Keep the argument positive, e.g. (x + 1e-7).log().",
        "ko": "Value.log: 양수가 와야 하는데, {got}이(가) 왔어요(로그는 0보다 큰 수에서만 정의되고, 기울기 1/x는 "
        "0에서 값이 없어요). 로그 안의 값이 양수가 되게 하세요. 예: (x + 1e-7).log().",
    },
    "error.optimizers.no_gradient": {
        "en": "{who}.step: there is no gradient for {name} yet. Run a forward pass and then the backward pass "
        "(e.g. network.backward(loss.backward())) before the optimizer's step.",
        "ko": "{who}.step: {name}의 기울기가 아직 없어요. step을 부르기 전에 순전파를 하고 이어서 역전파를 하세요"
        "(예: network.backward(loss.backward())).",
    },
    "error.losses.forward_fix": {
        "en": "Compute the loss with forward(outputs, targets) first.",
        "ko": "먼저 forward(outputs, targets)로 손실을 계산하세요.",
    },
    "error.losses.same_shape": {
        "en": "{loss}: outputs and targets must have the same shape; outputs are {outputs}, targets are {targets}. "
        "A column of targets for N samples has shape (N, 1): targets.reshape(-1, 1).",
        "ko": "{loss}: 출력(outputs)과 정답(targets)은 모양이 같아야 해요. 출력은 {outputs}, 정답은 {targets}이에요. "
        "샘플 N개의 정답을 한 열로 두려면 모양이 (N, 1)이어야 해요: targets.reshape(-1, 1).",
    },
    "error.losses.label_count": {
        "en": "{who}: expected one label per sample ({batch_size} samples in the batch), got {count} labels.",
        "ko": "{who}: 레이블은 샘플마다 하나씩, 곧 {batch_size}개(이 배치의 샘플 수) 있어야 하는데, "
        "{count}개가 왔어요.",
    },
    "error.losses.label_scalar": {
        "en": "{who}: expected an array with one label per sample ({batch_size} in this batch), got a single "
        "number, {got}. Pass the labels as an array of length {batch_size}.",
        "ko": "{who}: 레이블은 샘플마다 하나씩 담은 배열이어야 해요(이 배치는 샘플이 {batch_size}개이니 길이 "
        "{batch_size}). 그런데 배열이 아니라 숫자 하나({got})가 왔어요. 레이블을 길이 {batch_size}인 배열로 넘기세요.",
    },
    "error.losses.label_indices": {
        "en": "{who}: a 1-D array of labels must hold class indices 0 … {last}, got values {values}. Pass indices, "
        "or one-hot rows of shape ({batch_size}, {num_classes}).",
        "ko": "{who}: 1차원 레이블 배열에는 클래스 번호 0 … {last}이(가) 들어 있어야 하는데, 값 {values}이(가) 왔어요. "
        "클래스 번호를 넘기거나, 모양이 ({batch_size}, {num_classes})인 원-핫 행을 넘기세요.",
    },
    "error.losses.one_hot_rows": {
        "en": "{who}: 2-D labels must be one-hot rows (a single 1 and zeros elsewhere in each row); row {row} is "
        "{values}. Pass class indices instead, or fix the rows.",
        "ko": "{who}: 2차원 레이블은 원-핫 행(행마다 1이 하나, 나머지는 0)이어야 하는데, {row}번 행이 {values}이에요. "
        "대신 클래스 번호를 넘기거나, 그 행을 고치세요.",
    },
    "error.losses.label_shape": {
        "en": "{who}: labels must be class indices of shape ({batch_size},) or one-hot rows of shape "
        "({batch_size}, {num_classes}); got {got}.",
        "ko": "{who}: 레이블은 모양이 ({batch_size},)인 클래스 번호이거나 모양이 ({batch_size}, {num_classes})인 "
        "원-핫 행이어야 하는데, {got}이(가) 왔어요.",
    },
    "error.losses.scores_shape": {
        "en": "{who}: expected scores of shape (batch, classes), got {got}. For a single sample use "
        "scores.reshape(1, -1).",
        "ko": "{who}: 점수의 모양은 (배치, 클래스 수)여야 하는데, {got}이(가) 왔어요. 샘플 하나라면 "
        "scores.reshape(1, -1)을 쓰세요.",
    },
    "error.layers.must_define": {
        "en": "{layer} must define {method}: a layer class writes its own forward and backward.",
        "ko": "{layer}에 {method} 메서드를 정의해야 해요. 층 클래스는 forward와 backward를 직접 써야 해요.",
    },
    "error.layers.weights_shape": {
        "en": "{layer}: weights must be a 2-D array of shape (inputs, outputs), got {got}. For one input and one "
        "output use [[w]].",
        "ko": "{layer}: 가중치는 모양이 (입력 수, 출력 수)인 2차원 배열이어야 하는데, {got}이(가) 왔어요. 입력 하나, "
        "출력 하나라면 [[w]]로 쓰세요.",
    },
    "error.layers.bias_shape": {
        "en": "{layer}: bias must hold one number per output, shape ({outputs},), got {got}.",
        "ko": "{layer}: 편향은 출력마다 수 하나씩, 곧 모양이 ({outputs},)이어야 하는데, {got}이(가) 왔어요.",
    },
    "error.network.unique_names": {
        "en": "Network: layer names must be unique, {doubled} appear more than once. Give each layer its own name, "
        'e.g. Affine(weights, bias, name="affine2").',
        "ko": "Network: 층 이름은 서로 달라야 하는데, {doubled}이(가) 두 번 이상 나와요. 층마다 다른 이름을 붙이세요. "
        '예: Affine(weights, bias, name="affine2").',
    },
    "error.network.class_not_layer": {
        "en": "Network: item {position} of the list is the class {cls} itself, not a layer. "
        "Make one with parentheses: {cls}().",
        "ko": "Network: 리스트의 {position}번째 항목이 층이 아니라 {cls} 클래스 자체예요. "
        "괄호를 붙여 층을 만드세요: {cls}().",
    },
    "error.network.not_a_layer": {
        "en": "Network: item {position} of the list is {got}, not a layer (a layer has forward and backward "
        "methods). Pass layers, e.g. Network([Affine(weights, bias), ReLU()]).",
        "ko": "Network: 리스트의 {position}번째 항목이 층이 아니에요(받은 값: {got}). 층은 forward와 backward "
        "메서드가 있는 객체예요. 층을 넘기세요. 예: Network([Affine(weights, bias), ReLU()]).",
    },
    "error.network.no_layer": {
        "en": "Network has no layer named {name}; its layers are {names}.",
        "ko": "Network에 {name}(이)라는 층이 없어요. 이 신경망에 있는 층: {names}.",
    },
    "error.network.init": {
        "en": 'weight_scale: init must be "he", "xavier" or a positive number, got {got}.',
        "ko": 'weight_scale: init은 "he", "xavier" 또는 양수여야 하는데, {got}이(가) 왔어요.',
    },
    "error.digits.one_hot": {
        "en": "one_hot: expected a 1-D array of whole class numbers 0 … {last}, got {got}.",
        "ko": "one_hot: 0 … {last} 사이의 정수 클래스 번호로 된 1차원 배열이 와야 하는데, {got}이(가) 왔어요.",
    },
    "error.digits.fractions": {
        "en": "stratified_split: fractions must be between 0 and 1 and sum to less than 1, got {got}; the last part "
        "takes the rest, e.g. fractions=(0.6, 0.2) leaves 20 % for it.",
        "ko": "stratified_split: fractions의 각 값은 0과 1 사이이고 합은 1보다 작아야 하는데, {got}이(가) 왔어요. "
        "마지막 부분이 나머지를 가져가요. 예: fractions=(0.6, 0.2)이면 마지막 부분은 20%예요.",
    },
    "error.documents.oranges": {
        "en": "apple_shop: give both orange_price and orange_count (apples and oranges), or neither (apples only); "
        "got orange_price={price}, orange_count={count}.",
        "ko": "apple_shop: orange_price와 orange_count를 둘 다 주거나(사과와 귤) 둘 다 빼야 해요(사과만). 지금은 "
        "orange_price={price}, orange_count={count}이에요.",
    },
    "error.homework.no_affine": {
        "en": "params_from_network: the network has no Affine layer, so it has no weights to copy. Pass a network "
        "built from Affine layers, such as relu_network([2, 10, 2], seed=0).",
        "ko": "params_from_network: 신경망에 Affine 층이 없어서 복사할 가중치가 없어요. relu_network([2, 10, 2], "
        "seed=0)처럼 Affine 층으로 만든 신경망을 넘기세요.",
    },
    "error.homework.outputs": {
        "en": "the {name} problem needs outputs of shape {expected} for {count} samples ({width} per sample); the "
        "network gave {got}. Make the last layer give {width} outputs.",
        "ko": "{name} 문제는 샘플 {count}개에 대해 모양이 {expected}인 출력(샘플마다 {width}개)이 필요한데, 신경망이 "
        "{got}을(를) 내놓았어요. 마지막 층의 출력을 {width}개로 하세요.",
    },
    "error.fonts.missing": {
        "en": "The Korean font (NanumGothic, from the package koreanize-matplotlib) is not installed, so figures "
        "cannot show Hangul. Install the course again: pip install -e . (or: pip install "
        "'koreanize-matplotlib>=0.1.1,<0.2').",
        "ko": "한글 글꼴(koreanize-matplotlib 패키지의 NanumGothic)이 설치되어 있지 않아서 그림에 한글을 쓸 수 "
        "없어요. 강의를 다시 설치하세요: pip install -e . (또는 pip install 'koreanize-matplotlib>=0.1.1,<0.2').",
    },
    "error.explorers.pixels": {
        "en": "digit_state: expected 64 pixels (an 8×8 image), got {got}.",
        "ko": "digit_state: 픽셀 64개(8×8 이미지)가 와야 하는데, {got}이(가) 왔어요.",
    },
    "error.explorers.stepper_network": {
        "en": "network_steps: expected document 004's 2-2-2 network, Affine(2→2) → Sigmoid → Affine(2→2) → "
        "Sigmoid (as document_004_start() builds it); got layers {kinds}.",
        "ko": "network_steps: 문서 004의 2-2-2 신경망, 곧 Affine(2→2) → Sigmoid → Affine(2→2) → Sigmoid가 와야 "
        "해요(document_004_start()가 만드는 신경망). 그런데 층이 {kinds}이에요.",
    },
    "error.explorers.stepper_sample": {
        "en": "network_steps: x and t must each be one sample of shape (1, 2), got x {x} and t {t}.",
        "ko": "network_steps: x와 t는 각각 모양이 (1, 2)인 샘플 하나여야 하는데, x는 {x}, t는 {t}이에요.",
    },
    "error.curves.losses": {
        "en": "plot_losses: the losses{run} must be a non-empty 1-D array (one loss per epoch), got {got}.",
        "ko": "plot_losses: 손실{run}은(는) 비어 있지 않은 1차원 배열(에폭마다 손실 하나)이어야 하는데, {got}이(가) "
        "왔어요.",
    },
    "error.curves.no_runs": {
        "en": "plot_losses: the dict of runs is empty; give at least one {{label: losses}}.",
        "ko": "plot_losses: 실행 기록을 담은 dict가 비어 있어요. {{label: losses}}를 하나 이상 넘기세요.",
    },
    "error.curves.log_scale": {
        "en": "plot_losses: a log scale needs positive losses, but the losses{run} contain zero or negative values. "
        "Pass log_scale=False.",
        "ko": "plot_losses: 로그 눈금에는 양수인 손실만 그릴 수 있는데, 손실{run}에 0이나 음수가 있어요. "
        "log_scale=False를 넘기세요.",
    },
    "error.digit_figures.images": {
        "en": "digits figures: expected images of shape (N, 64) or (N, 8, 8), got {got}.",
        "ko": "숫자 그림: 이미지의 모양은 (N, 64) 또는 (N, 8, 8)이어야 하는데, {got}이(가) 왔어요.",
    },
    "error.digit_figures.search": {
        "en": "plot_search: expected one accuracy per (learning rate, hidden size), shape ({rates}, {sizes}), "
        "got {got}.",
        "ko": "plot_search: (학습률, 은닉 유닛 수)마다 정확도가 하나씩, 곧 모양이 ({rates}, {sizes})여야 하는데, "
        "{got}이(가) 왔어요.",
    },
    "error.digit_figures.weights": {
        "en": "plot_first_layer_weights: expected weights of shape (64, hidden), got {got}.",
        "ko": "plot_first_layer_weights: 가중치의 모양은 (64, 은닉 유닛 수)여야 하는데, {got}이(가) 왔어요.",
    },
    "error.graphs.node": {
        "en": "draw_graph: a node is (name, label, (x, y)) or (name, label, (x, y), kind), got {got}.",
        "ko": "draw_graph: 노드는 (name, label, (x, y)) 또는 (name, label, (x, y), kind)여야 하는데, {got}이(가) "
        "왔어요.",
    },
    "error.graphs.node_kind": {
        "en": "draw_graph: node {name} has kind {kind}; use 'op' (a circle) or 'value' (a box).",
        "ko": "draw_graph: 노드 {name}의 kind가 {kind}이에요. 'op'(원) 또는 'value'(네모)를 쓰세요.",
    },
    "error.graphs.node_twice": {
        "en": "draw_graph: two nodes are named {name}; node names must be unique.",
        "ko": "draw_graph: 이름이 {name}인 노드가 둘이에요. 노드 이름은 서로 달라야 해요.",
    },
    "error.graphs.edge": {
        "en": "draw_graph: an edge is (source, target, forward value, gradient), got {got}.",
        "ko": "draw_graph: 에지는 (source, target, 순전파 값, 기울기)여야 하는데, {got}이(가) 왔어요.",
    },
    "error.graphs.edge_node": {
        "en": "draw_graph: edge {source} → {target} names the node {end}, which is not among the nodes {names}.",
        "ko": "draw_graph: 에지 {source} → {target}에 나오는 노드 {end}이(가) 노드 목록 {names}에 없어요.",
    },
    "error.graphs.not_a_value": {
        "en": "value_graph: a node needs its parents in `_prev` (or `parents`) and its operation in `_op` (or "
        "`op`); got a {type_name} with neither. Pass a Value, e.g. value_graph(loss).",
        "ko": "value_graph: 노드에는 부모를 담은 `_prev`(또는 `parents`)와 연산을 담은 `_op`(또는 `op`)가 있어야 "
        "하는데, 둘 다 없는 {type_name}이(가) 왔어요. value_graph(loss)처럼 Value를 넘기세요.",
    },
    "error.graphs.too_many": {
        "en": "value_graph: the expression has {count} values; a figure stays readable up to 40. Draw a smaller "
        "part of it (call value_graph on an intermediate value).",
        "ko": "value_graph: 식에 값이 {count}개 있어요. 그림은 40개까지만 읽기 쉬워요. 중간 값에 value_graph를 "
        "불러서 더 작은 부분을 그리세요.",
    },
    "error.network_figure.matrix": {
        "en": "named_weights: matrix {index} must be 2-D (inputs, outputs), got {got}.",
        "ko": "named_weights: {index}번 행렬은 (입력 수, 출력 수) 모양의 2차원 배열이어야 하는데, {got}이(가) 왔어요.",
    },
    "error.network_figure.chain": {
        "en": "named_weights: matrix {index} has {rows} rows but the layer before it has {units} units; the "
        "matrices must chain, shape (inputs, outputs) each.",
        "ko": "named_weights: {index}번 행렬의 행이 {rows}개인데, 바로 앞 층의 뉴런은 {units}개예요. 행렬들은 "
        "(입력 수, 출력 수) 모양으로 이어져야 해요.",
    },
    "error.network_figure.titles": {
        "en": "draw_network: layer_titles needs one title per layer ({layers}), got {count}.",
        "ko": "draw_network: layer_titles에는 층마다 제목이 하나씩({layers}개) 있어야 하는데, {count}개가 왔어요.",
    },
    "error.network_figure.labels": {
        "en": "draw_network: labels must have one name per unit, sizes {sizes}, got sizes {got}.",
        "ko": "draw_network: labels에는 뉴런마다 이름이 하나씩(층별 개수 {sizes}) 있어야 하는데, 층별 개수가 {got}"
        "이에요.",
    },
    "error.network_figure.unique": {
        "en": "draw_network: every unit needs its own name, got {names}.",
        "ko": "draw_network: 뉴런마다 다른 이름이 있어야 하는데, {names}이(가) 왔어요.",
    },
    "error.network_figure.weights": {
        "en": "draw_network: layers {sizes} need weight matrices of shapes {want} (inputs, outputs), as in Affine; "
        "got shapes {got}.",
        "ko": "draw_network: 층 {sizes}에는 Affine처럼 (입력 수, 출력 수) 모양의 가중치 행렬 {want}이(가) 필요한데, "
        "모양이 {got}인 행렬이 왔어요.",
    },
    "error.network_figure.unknown": {
        "en": "draw_network: {what} names {unknown}, which are not in this network; its names are {known}.",
        "ko": "draw_network: {what}에 나오는 {unknown}이(가) 이 신경망에 없어요. 있는 이름은 {known}이에요.",
    },
    "error.optimizer_figure.no_step": {
        "en": "optimizer_path: expected an optimizer with a step(params, grads) method, got {type_name}. Pass e.g. "
        "SGD(0.05) or your own class.",
        "ko": "optimizer_path: step(params, grads) 메서드가 있는 최적화 객체가 와야 하는데, {type_name}이(가) "
        "왔어요. SGD(0.05)나 여러분이 만든 클래스를 넘기세요.",
    },
    "error.optimizer_figure.start": {
        "en": "optimizer_path: start must be two numbers (w₁, w₂), got {got}.",
        "ko": "optimizer_path: start는 수 두 개 (w₁, w₂)여야 하는데, {got}이(가) 왔어요.",
    },
    "error.optimizer_figure.dict": {
        "en": "plot_optimizer_paths: give a dict {{label: optimizer}}, e.g. {{'SGD': SGD(0.07), 'Adam': Adam(0.3)}}; "
        "got {got}.",
        "ko": "plot_optimizer_paths: {{'SGD': SGD(0.07), 'Adam': Adam(0.3)}}처럼 {{label: optimizer}} dict를 "
        "넘기세요. 그런데 {got}이(가) 왔어요.",
    },
    "error.regions.inputs": {
        "en": "{who}: inputs must be points in the plane, shape (N, 2), got {got}.",
        "ko": "{who}: 입력은 평면 위의 점들, 곧 모양이 (N, 2)여야 하는데, {got}이(가) 왔어요.",
    },
    "error.regions.label_count": {
        "en": "{who}: expected one label per point ({count} points), got {got}.",
        "ko": "{who}: 점마다 레이블이 하나씩(점 {count}개) 있어야 하는데, {got}이(가) 왔어요.",
    },
    "error.regions.label_values": {
        "en": "{who}: labels must be class indices 0, 1, 2, …; got values {values}.",
        "ko": "{who}: 레이블은 클래스 번호 0, 1, 2, …여야 하는데, 값 {values}이(가) 왔어요.",
    },
    "error.regions.predict_shape": {
        "en": "plot_decision_regions: predict should map points of shape ({count}, 2) to {count} class indices, "
        "{count} probabilities, or ({count}, K) class scores; it returned {got}.",
        "ko": "plot_decision_regions: predict는 모양이 ({count}, 2)인 점들을 받아 클래스 번호 {count}개, 확률 "
        "{count}개, 또는 모양이 ({count}, K)인 클래스 점수를 돌려줘야 하는데, {got}을(를) 돌려줬어요.",
    },
    "error.regions.predict_values": {
        "en": "plot_decision_regions: predict returned numbers that are neither whole class indices nor "
        "probabilities in [0, 1]. Return indices, probabilities or (N, K) scores.",
        "ko": "plot_decision_regions: predict가 돌려준 수가 정수 클래스 번호도, [0, 1] 범위의 확률도 아니에요. "
        "클래스 번호, 확률, 또는 (N, K) 모양의 점수를 돌려주세요.",
    },
    "error.regions.no_lines": {
        "en": "plot_linear_attempts: give at least one line as (weights, bias), e.g. ([1, 1], -0.5).",
        "ko": "plot_linear_attempts: 직선을 (weights, bias) 꼴로 하나 이상 넘기세요. 예: ([1, 1], -0.5).",
    },
    "error.regions.line_weights": {
        "en": "plot_linear_attempts: each line needs 2 weights, got {got}.",
        "ko": "plot_linear_attempts: 직선마다 가중치가 2개 있어야 하는데, {got}이(가) 왔어요.",
    },
    "error.regions.hidden_weights": {
        "en": "plot_hidden_lines: weights must have shape (2, hidden units), got {got}.",
        "ko": "plot_hidden_lines: 가중치의 모양은 (2, 은닉 뉴런 수)여야 하는데, {got}이(가) 왔어요.",
    },
    "error.regions.hidden_bias": {
        "en": "plot_hidden_lines: bias must hold one number per hidden unit, shape ({units},), got {got}.",
        "ko": "plot_hidden_lines: 편향은 은닉 뉴런마다 수 하나씩, 곧 모양이 ({units},)이어야 하는데, {got}이(가) "
        "왔어요.",
    },
    "error.regions.hidden_space": {
        "en": "plot_hidden_space: hidden_activations must have shape (N, 2) or (N, 3), one row per input and one "
        "column per hidden unit, got {got}.",
        "ko": "plot_hidden_space: hidden_activations의 모양은 (N, 2) 또는 (N, 3)이어야 해요(입력마다 행 하나, 은닉 "
        "뉴런마다 열 하나). 그런데 {got}이(가) 왔어요.",
    },
    "error.regions.needs_3d": {
        "en": "plot_hidden_space: kind='3d' needs 3 hidden units, got {units}.",
        "ko": "plot_hidden_space: kind='3d'에는 은닉 뉴런이 3개 있어야 하는데, {units}개가 왔어요.",
    },
    "error.regions.output_weights": {
        "en": "plot_hidden_space: output_weights must hold 3 numbers, not all zero, got {got}.",
        "ko": "plot_hidden_space: output_weights는 수 3개여야 하고 셋 다 0이면 안 되는데, {got}이(가) 왔어요.",
    },
    "error.softmax_figure.scores": {
        "en": "plot_softmax: scores must be the scores of one sample, a 1-D array of at least two classes such as "
        "[5.3, 0.3, 10.1], got {got}.",
        "ko": "plot_softmax: scores는 샘플 하나의 점수, 곧 [5.3, 0.3, 10.1]처럼 클래스가 두 개 이상인 1차원 배열이어야 "
        "하는데, {got}이(가) 왔어요.",
    },
    "error.softmax_figure.finite": {
        "en": "plot_softmax: every score must be a finite number, got {values}.",
        "ko": "plot_softmax: 점수는 모두 유한한 수여야 하는데, {values}이(가) 왔어요.",
    },
    "error.softmax_figure.target": {
        "en": "plot_softmax: target must be the index of the true class, a whole number 0 … {last}, or None; "
        "got {got}.",
        "ko": "plot_softmax: target은 정답 클래스의 번호, 곧 0 … {last} 사이의 정수이거나 None이어야 하는데, "
        "{got}이(가) 왔어요.",
    },
    "error.softmax_figure.probability": {
        "en": "plot_cross_entropy_curve: the probability of {name} must be in (0, 1], got {got}.",
        "ko": "plot_cross_entropy_curve: {name}의 확률은 (0, 1] 범위, 곧 0보다 크고 1 이하여야 하는데, {got}이(가) "
        "왔어요.",
    },
    # --- training (backprop_lib.training) ---------------------------------------------------------
    "train.report": {"en": "Epoch {epoch}/{epochs}, Loss: {loss:.4f}", "ko": "에폭 {epoch}/{epochs}, 손실: {loss:.4f}"},
    "train.report_without_every": {
        "en": "train: a report was given but no report_every, so it would never print; say how often, "
        "e.g. report_every=1000.",
        "ko": "train: report는 있는데 report_every가 없어서 아무것도 출력되지 않아요. 얼마나 자주 출력할지 "
        "정하세요. 예: report_every=1000.",
    },
    "accuracy.shapes": {
        "en": "accuracy: expected scores (N, classes) and N class indices, got scores of shape {scores} and "
        "labels of shape {labels}.",
        "ko": "accuracy: 점수는 (N, 클래스 수), 레이블은 클래스 번호 N개여야 하는데, 점수의 모양은 {scores}, "
        "레이블의 모양은 {labels}이에요.",
    },
    "minibatch.patience": {
        "en": "train_minibatch: early stopping (patience) watches the validation loss; pass validation=(inputs, "
        "labels) too.",
        "ko": "train_minibatch: 조기 종료(patience)는 검증 손실을 지켜봐요. validation=(inputs, labels)도 함께 "
        "넘기세요.",
    },
    "diverged": {
        "en": "Training stopped at epoch {epoch}: the loss became {value}. The first non-finite value came from "
        "{culprit}. {advice}",
        "ko": "에폭 {epoch}에서 학습을 멈췄어요: 손실이 {value}이(가) 되었어요. 처음으로 유한하지 않은 값이 나온 곳은 "
        "{culprit}이에요. {advice}",
    },
    "diverged.loss": {
        "en": "the loss itself (every layer's output was finite)",
        "ko": "손실 자체(모든 층의 출력은 유한했어요)",
    },
    "diverged.inputs": {
        "en": "the inputs (they already hold NaN or infinite values)",
        "ko": "입력(이미 NaN이나 무한대 값이 들어 있어요)",
    },
    "diverged.layer": {
        "en": "layer '{layer}' ({bad} of {count} outputs are NaN or infinite)",
        "ko": "'{layer}' 층(출력 {count}개 중 {bad}개가 NaN이나 무한대)",
    },
    "diverged.rate": {
        "en": "A learning rate of {rate} may be too large: try a smaller one, or check the inputs and the initial "
        "weights.",
        "ko": "학습률 {rate}이(가) 너무 클 수 있어요. 더 작은 값을 써 보거나, 입력과 초기 가중치를 확인하세요.",
    },
    "diverged.check": {
        "en": "Check the learning rate, the inputs and the initial weights.",
        "ko": "학습률, 입력, 초기 가중치를 확인하세요.",
    },
    # --- homework part 3's problems (backprop_lib.homework.PROBLEMS) ---------------------------
    "homework.circles": {
        "en": "2 inputs → 2 class scores; class 0 inside a circle, class 1 on a ring around it (like XOR, no single "
        "line separates them); loss SoftmaxWithLoss",
        "ko": "입력 2개 → 클래스 점수 2개; 클래스 0은 원 안쪽, 클래스 1은 그 둘레의 고리 위에 있어요(XOR처럼 직선 "
        "하나로는 나눌 수 없어요); 손실 SoftmaxWithLoss",
    },
    "homework.wave": {
        "en": "1 input → 1 output; learn sin(x) for x from −3 to 3; loss MeanSquaredError",
        "ko": "입력 1개 → 출력 1개; −3에서 3까지의 x에 대해 sin(x)를 학습해요; 손실 MeanSquaredError",
    },
}
