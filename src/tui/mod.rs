pub fn run(_ctx: &crate::context::Context) -> anyhow::Result<()> { Ok(()) }
