//! `--help` in Chinese: every command's and option's description, and the words the
//! argument parser would print in English (Usage, Options, default, possible values).
//! English help is the doc comments of `cli/args.rs` as they are.

use crate::config::Lang;

pub struct HelpWords {
    /// The layout of a help page (the parser's template syntax).
    pub template: &'static str,
    pub options_placeholder: &'static str,
    pub command_placeholder: &'static str,
    /// For a command whose subcommand is required.
    pub command_required: &'static str,
    pub command_value: &'static str,
    pub commands_heading: &'static str,
    pub arguments_heading: &'static str,
    pub options_heading: &'static str,
    /// `{0}` the default value.
    pub default_is: &'static str,
    /// `{0}` the values accepted.
    pub values_are: &'static str,
    /// `{0}` the environment variable.
    pub env_is: &'static str,
    /// Between values of a list.
    pub or: &'static str,
    /// (placeholder as declared, in words) for `<DATE>` and the like.
    value_names: &'static [(&'static str, &'static str)],
    /// (place, text): a command by its path ("", "agenda", "template list"), an option by
    /// `path.id`, or by `*.id` for the same option wherever it is.
    texts: &'static [(&'static str, &'static str)],
}

impl HelpWords {
    pub fn text(&self, key: &str) -> Option<&'static str> {
        self.texts.iter().find(|(k, _)| *k == key).map(|(_, t)| *t)
    }

    /// A usage line with the parser's placeholders (`[OPTIONS]`, `[COMMAND]`) in words.
    pub fn usage_in_words(&self, usage: &str) -> String {
        usage
            .replace("[OPTIONS]", self.options_placeholder)
            .replace("[COMMAND]", self.command_placeholder)
            .replace("<COMMAND>", self.command_required)
    }

    pub fn value_name(&self, name: &str) -> Option<&'static str> {
        self.value_names
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, t)| *t)
    }
}

/// The help's words for `lang`; `None` where the declared (English) help stands.
pub fn help_words(lang: Lang) -> Option<&'static HelpWords> {
    match lang {
        Lang::Zh => Some(&ZH),
        Lang::En => None,
    }
}

const PERIOD_FROM: &str = "时段的第一天，YYYY-MM-DD（默认：截至今天的 30 天）";
const PERIOD_TO: &str = "时段的最后一天（含这一天），YYYY-MM-DD（默认：今天）";
const MASK: &str = "隐去手机号和微信号（138****1234、wx***88）；--mask names 连姓名也隐去（张某）";
const OUT: &str = "写入这个文件（权限 0600），而不是标准输出";
const HELP: &str = "显示本帮助，或某个命令的帮助";

static ZH: HelpWords = HelpWords {
    template: "{before-help}{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}",
    options_placeholder: "[选项]",
    command_placeholder: "[命令]",
    command_required: "<命令>",
    command_value: "命令",
    commands_heading: "命令",
    arguments_heading: "参数",
    options_heading: "选项",
    default_is: " [默认：{0}]",
    values_are: " [可选：{0}]",
    env_is: " [环境变量：{0}]",
    or: "、",
    value_names: &[
        ("PATH", "路径"),
        ("FILE", "文件"),
        ("BOOK", "客户手册"),
        ("DATE", "日期"),
        ("DAYS", "天数"),
        ("LIMIT", "条数"),
        ("FORMAT", "格式"),
        ("ID", "编号"),
        ("FOLLOWUP_ID", "跟进编号"),
        ("KEEP", "保留的编号"),
        ("OTHER", "并入的编号"),
        ("STAGE", "阶段"),
        ("QUERY", "查询"),
        ("NAME", "姓名"),
        ("NOTE", "内容"),
        ("TEXT", "内容"),
        ("REASON", "原因"),
        ("AMOUNT", "金额"),
        ("PRODUCT", "产品"),
        ("CHANNEL", "渠道"),
        ("STEPS", "次数"),
        ("CONTACTS", "客户数"),
        ("INTERACTIONS", "记录数"),
        ("SEED", "种子"),
        ("HONORIFIC", "称呼"),
        ("PHONE", "手机号"),
        ("WECHAT", "微信号"),
        ("COMPANY", "公司"),
        ("SOURCE", "来源"),
        ("NEED", "需求"),
        ("BUDGET", "预算"),
        ("GRADE", "等级"),
        ("EMAIL", "邮箱"),
        ("BIRTHDAY", "生日"),
        ("ANNIVERSARY", "纪念日"),
        ("OUTCOME", "结果"),
        ("LIFECYCLE", "生命周期"),
        ("TIER", "层级"),
        ("ENCODING", "编码"),
        ("WHEN", "时间"),
        ("TIME", "时间"),
        ("KIND", "类型"),
        ("VIEW", "视图"),
        ("CONTACT", "客户编号"),
        ("FILES", "文件"),
        ("ID|PATH", "模板编号|路径"),
        ("GROUP/TAG", "分组/标签"),
        ("COLUMN=FIELD", "列名=字段"),
        ("DATE|+Nd", "日期|+N天"),
        ("WxH", "列x行"),
        ("SUBCOMMAND", "命令"),
    ],
    texts: &[
        (
            "",
            "salesbook：1对1私域成交的销售手册——客户、五阶段管道（挖需求 → 抛产品 → 解问题 → 提成交 → 理售后）和 SOP 模板。\n不带命令运行就打开全屏界面。",
        ),
        ("*.db", "客户手册文件（默认：平台数据目录里的 book.sqlite）"),
        (
            "*.template",
            "只对 script、simulate、audit 有效：这一次改用的 SOP 模板，模板编号或 .toml 文件",
        ),
        ("*.format", "输出格式"),
        ("*.help", "显示帮助"),
        ("*.version", "显示版本号"),
        ("*.id", "客户编号"),
        ("*.followup_id", "跟进编号"),
        ("*.name", "姓名"),
        (
            "add.named",
            "客户的姓名，可以直接写：add 张伟，和 --name 张伟 一样（必填）",
        ),
        ("*.honorific", "称呼，怎么叫对方，例如 张姐"),
        ("*.phone", "手机号"),
        ("*.wechat", "微信号"),
        ("*.company", "公司"),
        ("*.source", "来源渠道，例如 朋友圈"),
        ("*.need", "客户的需求"),
        ("*.budget", "预算区间，例如 3000-5000"),
        (
            "*.grade",
            "线索等级：A（立即跟进）、B（持续培育）、C（潜在）、D（无效）",
        ),
        (
            "*.tags",
            "标签，写成 分组/标签，取自模板的标签体系，例如 客户来源/朋友圈；只有一个分组有的标签可只写标签（可写多次）",
        ),
        (
            "*.new_tags",
            "标签体系里还没有的标签，特意加进这本手册（可写多次）",
        ),
        ("*.note", "客户卡上的备注"),
        ("*.email", "邮箱"),
        ("*.birthday", "生日，1990-05-01、1990/5/1 或 1990年5月1日"),
        ("*.anniversary", "每年都要记得的日子，写法同生日"),
        (
            "*.duplicate",
            "另一位客户已有这个手机号或微信号时仍然保存（确实是另一个人，例如家人共用）",
        ),
        ("*.all", "包括已归档的客户"),
        ("*.subcommand", "要看帮助的命令"),
        ("help", HELP),
        ("template help", HELP),
        ("followup help", HELP),
        (
            "add",
            "新增客户（从挖需求阶段开始，进行中）；输出新客户的编号",
        ),
        ("edit", "修改客户信息；给空值（\"\"）就清空这一项"),
        (
            "edit.untag",
            "去掉一个标签，分组/标签，或客户身上的标签名（可写多次）",
        ),
        ("show", "查看一位客户和他的跟进记录"),
        ("list", "列出客户（已归档的要加 --all）"),
        (
            "list.stage",
            "只列这个阶段的客户：阶段键（pitch）或中文名（抛产品）",
        ),
        ("list.grade", "只列这个等级的客户：A、B、C 或 D"),
        ("list.tag", "只列带这个标签的客户，分组/标签"),
        ("list.outcome", "open（进行中）、won（成交）或 lost（流失）"),
        (
            "list.lifecycle",
            "intro（引入期）、growth（成长期）、mature（成熟期）、dormant（休眠期）、churned（流失期）",
        ),
        (
            "list.rotting",
            "只列在阶段里停留超过时限、又没有安排跟进的客户",
        ),
        (
            "list.tier",
            "某一层的客户：A（深度绑定）、B（场景唤醒）、C（内容种草）",
        ),
        (
            "move",
            "把客户移到某个阶段：写阶段键（pitch）、中文名（抛产品）或简称（产品）",
        ),
        (
            "move.stage",
            "目标阶段：阶段键（pitch）、中文名（抛产品）或简称（需求、产品、问题、售后）",
        ),
        (
            "won",
            "记为成交；客户转到理售后阶段。已成交的客户又买了，也用它记下这次复购",
        ),
        ("won.amount", "成交金额，例如 3999 或 3999.50"),
        ("won.product", "买的产品"),
        ("lost", "记为流失，并写明原因"),
        ("lost.reason", "流失的原因"),
        ("reopen", "把已成交或已流失的客户放回管道"),
        (
            "log",
            "记一次跟进（加 --channel）、一条备注，或客户自己发来的消息（--inbound）",
        ),
        ("log.note", "要记下的内容（可以多行）"),
        (
            "log.text",
            "要记下的内容，可以直接写在编号后面：log 12 约了周六试听，和 --note 一样",
        ),
        (
            "log.channel",
            "wechat、phone、meeting 或 other；不写就是一条普通备注",
        ),
        (
            "log.inbound",
            "是客户主动发消息、提问或点赞（不是你的跟进）",
        ),
        ("archive", "归档客户（不再出现在列表里，但不会删除）"),
        ("unarchive", "把归档的客户找回来"),
        ("demo", "往空的客户手册里填入逼真的示例数据"),
        ("demo.contacts", "示例客户的数量"),
        (
            "demo.interactions",
            "跟进记录的大约总数，含销售做过的跟进（默认每位客户 8 条，最多 50 条）",
        ),
        ("demo.seed", "随机种子：同一个种子得到同样的示例数据"),
        ("demo.force", "手册里已经有客户也照样填入示例数据"),
        (
            "merge",
            "合并重复的客户：把第二个编号并入要保留的第一个编号",
        ),
        ("merge.keep", "要保留的客户编号"),
        ("merge.other", "并入的重复客户编号"),
        (
            "undo",
            "撤销你最近的一次（或几次）修改；--list 列出能撤销的修改",
        ),
        ("undo.steps", "撤销你最近的几次修改"),
        ("undo.list", "列出你最近的修改，以及每一条能不能撤销"),
        (
            "verify",
            "核对操作日志的哈希链、每位客户都和日志一致；加 --full 也检查文件本身",
        ),
        (
            "verify.full",
            "也让 SQLite 检查文件本身的每一页和每个索引（大手册要几秒）",
        ),
        ("backup", "备份客户手册（界面开着也能得到一致的副本）"),
        (
            "backup.to",
            "副本写到哪里（默认：数据目录里的 backups 文件夹）",
        ),
        ("restore", "用备份替换客户手册（替换前先备份当前的手册）"),
        (
            "restore.other_book",
            "用另一本客户手册的备份替换这本（这本已经有客户时必须加上）",
        ),
        (
            "restore.file",
            "要恢复的备份文件（不写就列出这本手册的备份）",
        ),
        (
            "backup.file",
            "副本写到哪里，可以直接写：backup 文件，和 --to 文件 一样（默认：数据目录里的 backups 文件夹）",
        ),
        ("script", "客户所在阶段的话术和异议回复，已经填好客户的信息"),
        ("script.stage", "看另一个阶段的话术，而不是客户当前阶段的"),
        (
            "search",
            "按任意片段找客户：张伟、王、zs、zhangsan、张s、8000、备注里的一个词",
        ),
        ("search.query", "要找的内容"),
        ("search.limit", "最多列出几位客户"),
        (
            "agenda",
            "现在该联系谁：待回复的新线索、已逾期、今天到期、即将到期，按紧急度排序",
        ),
        (
            "agenda.date",
            "要安排的那一天：2026-12-01、12月1日、明天、周五、下周一（默认今天）",
        ),
        ("agenda.days", "那一天之后再列几天的跟进（默认：到明天）"),
        ("agenda.limit", "每个分区最多列几条"),
        ("agenda.explain", "把每条的紧急度逐项算给你看"),
        (
            "done",
            "把一条跟进标为已完成（记为一次跟进，节奏接着往下走）",
        ),
        ("done.note", "完成时记下的内容"),
        (
            "snooze",
            "把跟进推迟到以后：日期（YYYY-MM-DD，默认 09:00）、时间，或 +3d / +4h",
        ),
        (
            "snooze.until",
            "推迟到：日期（YYYY-MM-DD，默认 09:00）、时间，或 +3d / +4h",
        ),
        ("skip", "跳过一条跟进，并写明原因；节奏接着往下走"),
        ("skip.reason", "跳过的原因"),
        (
            "simulate",
            "试算接下来 N 天的 SOP（不写入）：每天有几条跟进、跟进谁",
        ),
        ("simulate.days", "试算的天数"),
        (
            "export",
            "导出客户（表格软件用的 CSV、JSON、vCard），或用 --ics 导出未完成的跟进",
        ),
        (
            "export.ics",
            "把未完成的跟进导出成 iCalendar（每条跟进一个 VTODO），而不是导出客户",
        ),
        (
            "export.events",
            "配合 --ics：每条跟进导出成到期时的 15 分钟日程并带提醒（VEVENT），给不导入待办的日历用（Google 日历、Outlook）",
        ),
        (
            "export.format",
            "csv（带 BOM 的 UTF-8，给表格软件用）、json 或 vcard",
        ),
        ("export.out", OUT),
        ("export.mask", MASK),
        ("export.no_bom", "CSV 不带 UTF-8 字节顺序标记（BOM）"),
        (
            "import",
            "从 CSV（UTF-8 或 GBK，表格软件和其他工具导出的）或 vCard 导入客户",
        ),
        ("import.file", "要导入的文件"),
        ("import.format", "csv 或 vcard（默认按扩展名和内容判断）"),
        ("import.dry_run", "只读取和检查，打印报告，什么都不写入"),
        (
            "import.map",
            "表头认不出的列：列名=字段，例如 客户姓名=name（可写多次）",
        ),
        (
            "import.on_duplicate",
            "遇到已有的客户（手机号或微信号相同）怎么办：skip 跳过、merge 合并、new 照样新增",
        ),
        (
            "import.source",
            "文件里没写来源的行用这个来源，例如 老客户名单",
        ),
        (
            "import.tags",
            "给每位导入的客户加上的标签，分组/标签，取自模板的标签体系或这本手册（可写多次）",
        ),
        (
            "import.new_tags",
            "标签体系里还没有的标签，特意给每位导入的客户加上（可写多次）",
        ),
        (
            "import.encoding",
            "文件的编码：utf-8、gbk、gb18030、utf-16（默认自动识别）",
        ),
        (
            "import.contacted",
            "文件里的人是不是已经在联系：yes 都是老关系（不排欢迎语，跟进从最后联系接着算），no 都是新线索（从导入时起按首次回复时限排欢迎语）；auto 逐行判断（有最后联系时间、等级、阶段、购买，或添加已超过一天，就算已有往来；vCard 通讯录算）",
        ),
        (
            "report",
            "主管看的报告（只读）：漏斗、首次回复、跟进、线索质量、来源和等级、售后、话术、每日动态",
        ),
        ("report.from", PERIOD_FROM),
        ("report.to", PERIOD_TO),
        (
            "report.format",
            "md（Markdown）、html（一个自带样式和图表的文件）、json 或 csv",
        ),
        ("report.out", OUT),
        ("report.mask", MASK),
        ("report.explain", "只打印每项指标的定义"),
        (
            "rollup",
            "把几位销售的客户手册合成一份团队报告（只读），每人一列",
        ),
        ("rollup.books", "各位销售的客户手册文件"),
        ("rollup.from", PERIOD_FROM),
        ("rollup.to", PERIOD_TO),
        (
            "rollup.format",
            "md（Markdown）、html（一个自带样式和图表的文件）、json 或 csv",
        ),
        ("rollup.out", OUT),
        ("rollup.mask", MASK),
        (
            "template",
            "SOP 模板：list 列出、show 查看、check 检查、use 启用",
        ),
        (
            "template list",
            "可用的模板：内置的和你自己的（配置目录/templates/*.toml）",
        ),
        ("template show", "打印一个模板"),
        ("template show.id", "模板编号"),
        ("template show.format", "toml 或 json"),
        ("template check", "检查模板文件；全部有效才以 0 退出"),
        ("template check.files", "要检查的模板文件"),
        ("template use", "让这本客户手册按这个模板来跟进"),
        ("template use.id", "模板编号"),
        ("followup", "和客户约好日期的跟进"),
        (
            "followup add",
            "在某一天安排一次跟进（电话、面诊、试听）：当天取代节奏里的那一条；输出跟进编号",
        ),
        (
            "followup add.at",
            "时间：'YYYY-MM-DD HH:MM'、日期（默认 09:00）、+3d、明天、下周二 15:00",
        ),
        ("followup add.note", "约好的内容，例如 约了电话聊方案"),
        (
            "followup add.kind",
            "模板里的预约类型（见 template show），例如 consult、trial",
        ),
        ("followup add.remind", "前一天提醒客户"),
        (
            "render",
            "按界面的样子，把某个视图的一帧打印成纯文本（只读）",
        ),
        ("render.view", "要画的视图（dashboard 是审阅的指标看板）"),
        ("render.size", "画面的列数×行数，例如 120x40"),
        ("render.contact", "画哪位客户的客户卡（card）"),
        ("render.query", "输入搜索框的内容（search）"),
        (
            "render.from",
            "看板时段的第一天，YYYY-MM-DD（默认：截至今天的 30 天）",
        ),
        ("render.to", PERIOD_TO),
        (
            "audit",
            "主管的全屏审阅（只读）：指标看板（每项指标都能打开背后的客户），还有这位销售的今日、看板和客户卡",
        ),
        (
            "audit.book",
            "这位销售的客户手册文件（默认：--db、SALESBOOK_DB 或你自己的手册）",
        ),
        ("audit.from", PERIOD_FROM),
        ("audit.to", PERIOD_TO),
    ],
};
