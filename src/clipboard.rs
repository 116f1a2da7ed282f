//! Copying a script: OSC 52 through the terminal (works over SSH and in tmux with
//! `set-clipboard on`) and the native clipboard tool where one is installed.

use serde::Deserialize;
use std::io::Write;
use std::process::{Command, Stdio};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ClipboardMode {
    /// OSC 52, plus the native clipboard when not over SSH.
    #[default]
    Auto,
    Osc52,
    Native,
}

/// How a copy went, for the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyReport {
    pub osc52: bool,
    /// The native tool used, if any.
    pub native: Option<&'static str>,
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding.
pub fn base64(data: &[u8]) -> String {
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(B64[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The OSC 52 "set clipboard" sequence for `text` (UTF-8, base64-encoded).
pub fn osc52_sequence(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

fn over_ssh() -> bool {
    ["SSH_TTY", "SSH_CONNECTION"]
        .iter()
        .any(|v| std::env::var_os(v).is_some_and(|x| !x.is_empty()))
}

/// The clipboard tools to try, in order, for this session.
fn native_tools() -> Vec<(&'static str, &'static [&'static str])> {
    let mut tools: Vec<(&'static str, &'static [&'static str])> = Vec::new();
    if std::env::var_os("WAYLAND_DISPLAY").is_some() {
        tools.push(("wl-copy", &[]));
    }
    if std::env::var_os("DISPLAY").is_some() {
        tools.push(("xclip", &["-selection", "clipboard"]));
        tools.push(("xsel", &["--clipboard", "--input"]));
    }
    if cfg!(target_os = "macos") {
        tools.push(("pbcopy", &[]));
    }
    tools
}

/// Copies with the first native clipboard tool that works; the tool used, if any.
pub fn copy_native(text: &str) -> Option<&'static str> {
    for (tool, args) in native_tools() {
        let Ok(mut child) = Command::new(tool)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
        else {
            continue;
        };
        let wrote = child
            .stdin
            .take()
            .is_some_and(|mut stdin| stdin.write_all(text.as_bytes()).is_ok());
        if wrote && child.wait().is_ok_and(|s| s.success()) {
            return Some(tool);
        }
    }
    None
}

/// Whether `mode` sends OSC 52 to the terminal.
pub fn uses_osc52(mode: ClipboardMode) -> bool {
    matches!(mode, ClipboardMode::Auto | ClipboardMode::Osc52)
}

/// Whether `mode` runs a native clipboard tool (not over SSH in `auto`: it would copy on
/// the remote machine).
pub fn uses_native(mode: ClipboardMode) -> bool {
    match mode {
        ClipboardMode::Native => true,
        ClipboardMode::Auto => !over_ssh(),
        ClipboardMode::Osc52 => false,
    }
}

/// Copies `text`: OSC 52 goes to `terminal`, the native tool is run where it applies.
pub fn copy(mode: ClipboardMode, text: &str, terminal: &mut dyn Write) -> CopyReport {
    let (use_osc, use_native) = (uses_osc52(mode), uses_native(mode));
    let osc52 = use_osc
        && terminal
            .write_all(osc52_sequence(text).as_bytes())
            .and_then(|_| terminal.flush())
            .is_ok();
    let native = if use_native { copy_native(text) } else { None };
    CopyReport { osc52, native }
}

/// Where the app sends copied text; tests substitute a recorder.
pub trait Clipboard {
    fn copy(&mut self, text: &str) -> CopyReport;
}

/// The real clipboard: OSC 52 to the terminal on stdout, plus the native tool.
pub struct SystemClipboard(pub ClipboardMode);

impl Clipboard for SystemClipboard {
    fn copy(&mut self, text: &str) -> CopyReport {
        copy(self.0, text, &mut std::io::stdout())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard_vectors() {
        for (input, expected) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(input.as_bytes()), expected);
        }
    }

    #[test]
    fn osc52_for_chinese_is_byte_exact() {
        // "张姐您好" in UTF-8 is e5 bc a0 e5 a7 90 e6 82 a8 e5 a5 bd.
        let seq = osc52_sequence("张姐您好");
        assert_eq!(seq.as_bytes(), b"\x1b]52;c;5byg5aeQ5oKo5aW9\x07");
    }

    #[test]
    fn osc52_mode_writes_only_to_the_terminal() {
        let mut out: Vec<u8> = Vec::new();
        let report = copy(ClipboardMode::Osc52, "你好", &mut out);
        assert_eq!(
            report,
            CopyReport {
                osc52: true,
                native: None
            }
        );
        assert_eq!(out, osc52_sequence("你好").as_bytes());
    }
}
