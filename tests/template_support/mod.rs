//! A small valid SOP template that the checker's tests build on (`sop_check_parts`,
//! `sop_check_mutants`).

/// A valid template: five stages, one script (`hello`), one cadence (`fast`), no `[lead]`
/// and none of the optional parts (tag groups, products, tiers…). Its id is `base`.
pub const BASE: &str = r#"[template]
id = "base"
name = "基础"
version = 1

[lifecycle]
dormant_after_days = 30
churned_after_days = 90

[[grade]]
key = "A"
name = "立即跟进"

[[grade]]
key = "B"
name = "持续培育"

[[grade]]
key = "C"
name = "潜在"

[[grade]]
key = "D"
name = "无效"

[[stage]]
key = "discover"
goal = "弄清需求"

  [[stage.script]]
  id = "hello"
  title = "欢迎语"
  text = "您好。"

[[stage]]
key = "pitch"
goal = "讲清价值"

[[stage]]
key = "resolve"
goal = "解除顾虑"

[[stage]]
key = "close"
goal = "促成下单"

[[stage]]
key = "aftercare"
goal = "做好售后"

[cadence.fast]
steps = [{ after = "0d", action = "发欢迎语", script = "hello" }]
"#;
