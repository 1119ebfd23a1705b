"""The report's fixed legal wording: the disclaimer and the penalty exposure.

Legal text, like the catalogue's, is kept in both languages side by side (not in .po files) so
the wording a lawyer reviewed is exactly the wording printed. Source of the penalty text:
../shared/regulation/measures-2025.md §10.
"""

from __future__ import annotations

from assessment.catalogue.model import Text

DISCLAIMER = (
    Text(
        en="This report is a self-assessment produced from the answers given in the questionnaire. "
        "It is not legal advice and does not replace a review by a qualified lawyer. Its findings are only "
        "as accurate as the answers behind them.",
        zh="本报告是根据问卷答案生成的自评估结果，不构成法律意见，也不能替代具备资质的律师的审查。"
        "报告结论的准确性取决于所填答案的准确性。",
    ),
    Text(
        en="The 2023 draft never took effect. Findings under it show what the draft would have required; "
        "where the notes cannot verify a draft article number, the report says so instead of guessing one.",
        zh="2023年征求意见稿从未生效。依据征求意见稿得出的结论仅说明该征求意见稿原拟规定的要求；"
        "对于无法核实条款序号的征求意见稿条文，本报告如实注明，而不作推测。",
    ),
)

PENALTY_INTRO = Text(
    en="The Measures have no fines of their own (Measures Art 18). Exposure for the gaps in this report "
    "comes from other laws:",
    zh="《人脸识别技术应用安全管理办法》本身未规定罚款（第十八条）。本报告所列差距的法律责任来自其他法律法规：",
)

PENALTIES = (
    Text(
        en="PIPL Art 66: an order to rectify, a warning, confiscation of unlawful gains and suspension of the "
        "service; a fine of up to RMB 1 million in general cases, or up to RMB 50 million or 5% of the previous "
        "year's turnover in serious cases. Persons directly responsible: RMB 10,000 to 100,000 (general) or "
        "RMB 100,000 to 1 million (serious), and a possible ban from director, supervisor, senior manager or "
        "personal information protection officer roles for a period.",
        zh="《个人信息保护法》第六十六条：责令改正、警告、没收违法所得、暂停服务；一般情形下处一百万元以下罚款，"
        "情节严重的处五千万元以下或者上一年度营业额百分之五以下罚款。对直接负责的主管人员和其他直接责任人员，"
        "一般情形处一万元以上十万元以下罚款，情节严重的处十万元以上一百万元以下罚款，"
        "并可以决定禁止其在一定期限内担任董事、监事、高级管理人员和个人信息保护负责人。",
    ),
    Text(
        en="Network Data Security Management Regulations Art 55: a fine of up to RMB 1 million for breaches of "
        "the consent rules (Art 22).",
        zh="《网络数据安全管理条例》第五十五条：违反同意规则（第二十二条）的，最高处一百万元罚款。",
    ),
    Text(
        en="Consumer Rights Protection Law: claims by consumers.",
        zh="《消费者权益保护法》：消费者维权与索赔。",
    ),
    Text(
        en="SPC Interpretation on facial recognition (Fa Shi [2021] No. 15): civil liability to the people "
        "whose faces are processed.",
        zh="《人脸识别司法解释》（法释〔2021〕15号）：对被处理人脸信息的个人承担民事责任。",
    ),
    Text(
        en="Criminal Law: criminal liability in serious cases.",
        zh="《刑法》：情节严重的，依法追究刑事责任。",
    ),
)
