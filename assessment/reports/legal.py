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
    en="The Measures set no fines of their own: Art 18 says that breaches are dealt with under the relevant "
    "laws and administrative regulations, and that crimes are prosecuted. Exposure for the gaps in this report "
    "comes from other laws, each on its own conditions:",
    zh="《人脸识别技术应用安全管理办法》（以下简称《办法》）本身未设定罚款：第十八条规定，违反本办法规定的，"
    "依照有关法律、行政法规的规定依法处理；构成犯罪的，依法追究刑事责任。本报告所列差距的法律责任来自其他法律法规，"
    "各有其适用条件：",
)

PENALTIES = (
    Text(
        en="PIPL Art 66 ¶1: an order to rectify, a warning, confiscation of unlawful gains, and suspension or "
        "termination of the offending service. Only where the handler refuses to rectify: a fine of up to "
        "RMB 1 million, and RMB 10,000 to 100,000 for the persons directly responsible. PIPL Art 66 ¶2, serious "
        "cases (provincial-level authority or above): a fine of up to RMB 50 million or 5% of the previous year's "
        "turnover, suspension of business, referral for revocation of permits or the business licence; "
        "RMB 100,000 to 1 million for the persons directly responsible, who may be barred for a period from "
        "serving as director, supervisor, senior manager or personal information protection officer.",
        zh="《中华人民共和国个人信息保护法》（以下简称《个人信息保护法》）第六十六条第一款：责令改正，给予警告，"
        "没收违法所得，对违法处理个人信息的应用程序责令暂停或者终止提供服务；拒不改正的，并处一百万元以下罚款，"
        "对直接负责的主管人员和其他直接责任人员处一万元以上十万元以下罚款。第六十六条第二款：情节严重的，"
        "由省级以上履行个人信息保护职责的部门责令改正，没收违法所得，并处五千万元以下或者上一年度营业额百分之五以下罚款，"
        "并可以责令暂停相关业务或者停业整顿、通报有关主管部门吊销相关业务许可或者吊销营业执照；"
        "对直接负责的主管人员和其他直接责任人员处十万元以上一百万元以下罚款，"
        "并可以决定禁止其在一定期限内担任相关企业的董事、监事、高级管理人员和个人信息保护负责人。",
    ),
    Text(
        en="Network Data Security Management Regulations Art 55: for breaches of Arts 12, 16 to 20 and 22 (the "
        "consent rules among them) and others it lists, the cyberspace, telecoms and public security authorities "
        "order rectification, give a warning and confiscate unlawful gains; where the handler refuses to "
        "rectify or the case is serious, a fine of up to RMB 1 million, and they may order the business "
        "suspended or closed for rectification or revoke its licences or business licence; the directly "
        "responsible managers and other directly responsible persons may be fined RMB 10,000 to 100,000.",
        zh="《网络数据安全管理条例》第五十五条：违反该条例第十二条、第十六条至第二十条、第二十二条等规定的，"
        "由网信、电信、公安等主管部门依据各自职责责令改正，给予警告，没收违法所得；拒不改正或者情节严重的，"
        "处100万元以下罚款，并可以责令暂停相关业务、停业整顿、吊销相关业务许可证或者吊销营业执照，"
        "对直接负责的主管人员和其他直接责任人员可以处1万元以上10万元以下罚款。",
    ),
    Text(
        en="Consumer Rights Protection Law Arts 29 and 56: collecting or using consumers' personal information "
        "without stating the purpose, method and scope and obtaining consent, or failing to keep it secure, may "
        "bring, where no other law sets the penalty, an order to correct, a warning, confiscation of gains and a "
        "fine of 1 to 10 times the unlawful gains or, without gains, up to RMB 500,000; serious cases may lead to "
        "suspension or revocation of the business licence. Market regulators have used these articles to fine "
        "facial recognition misuse in shops.",
        zh="《中华人民共和国消费者权益保护法》（以下简称《消费者权益保护法》）第二十九条、第五十六条：经营者收集、"
        "使用消费者个人信息未明示目的、方式和范围并经消费者同意，或者未采取措施确保信息安全的，法律、法规未作规定的，"
        "由市场监督管理部门责令改正，可以根据情节单处或者并处警告、没收违法所得、处以违法所得一倍以上十倍以下的罚款，"
        "没有违法所得的，处以五十万元以下的罚款；情节严重的，责令停业整顿、吊销营业执照。"
        "市场监督管理部门已依据上述条款对门店滥用人脸识别的行为作出罚款。",
    ),
    Text(
        en="Public Security Video Image Information System Regulations (State Council Order No. 799) Art 27: "
        "an image-capture device of any kind inside a guest room, dormitory, changing room, toilet or other "
        "private area is confiscated and its images deleted, with a fine of RMB 10,000 to 20,000 for a unit and "
        "RMB 5,000 to 10,000 for the persons directly responsible.",
        zh="《公共安全视频图像信息系统管理条例》（国务院令第799号，以下简称《视频图像条例》）第二十七条："
        "在旅馆客房、学生宿舍、更衣室、卫生间等私密区域内安装图像采集设备的，由公安机关没收设备、删除图像信息，"
        "对单位处一万元以上二万元以下罚款，对直接负责的主管人员和其他直接责任人员处五千元以上一万元以下罚款。",
    ),
    Text(
        en="Civil Code Arts 1034 to 1038 and the SPC Interpretation on facial recognition (Fa Shi [2021] No. 15): "
        "biometric information is personal information; processing it needs a lawful basis; individuals may "
        "access, correct and delete it; a handler must keep it secure and, on a leak, remedy it and notify. "
        "Breaches bring civil liability to the people whose faces are processed.",
        zh="《中华人民共和国民法典》（以下简称《民法典》）第一千零三十四条至第一千零三十八条及"
        "《最高人民法院关于审理使用人脸识别技术处理个人信息相关民事案件适用法律若干问题的规定》"
        "（法释〔2021〕15号，以下简称《人脸识别司法解释》）：生物识别信息属于个人信息；处理应当具备合法依据；"
        "个人有权查阅、更正、删除；信息处理者应当确保信息安全，发生泄露时应当采取补救措施并告知。"
        "违反上述规定的，对被处理人脸信息的个人承担民事责任。",
    ),
    Text(
        en="Criminal Law Art 253-1: selling or providing personal information unlawfully, or obtaining it "
        "illegally, is a crime where the circumstances are serious (up to three years' imprisonment or "
        "detention, and/or a fine; three to seven years where especially serious). The judicial interpretation "
        "sets quantity tiers for other kinds of information; no tier specific to face information has been "
        "verified.",
        zh="《中华人民共和国刑法》第二百五十三条之一：违反国家有关规定，向他人出售或者提供公民个人信息，"
        "或者窃取、以其他方法非法获取公民个人信息，情节严重的，处三年以下有期徒刑或者拘役，并处或者单处罚金；"
        "情节特别严重的，处三年以上七年以下有期徒刑，并处罚金。相关司法解释对其他类型的信息规定了数量标准，"
        "尚未核实到专门针对人脸信息的数量标准。",
    ),
)
