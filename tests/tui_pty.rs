//! End to end: the real binary in a pseudo-terminal, keys typed, the screen read back.

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tempfile::TempDir;

struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte the app wrote, for sequences the screen does not show (OSC 52).
    raw: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    _dir: TempDir,
}

impl Session {
    /// The app for a rep who already gave their name (no first-run question).
    fn start(env: &[(&str, &str)]) -> Session {
        let dir = TempDir::new().unwrap();
        let config = dir.path().join("config/salesbook");
        std::fs::create_dir_all(&config).unwrap();
        std::fs::write(config.join("config.toml"), "[me]\nname = \"小王\"\n").unwrap();
        Session::start_in(dir, env)
    }

    fn start_in(dir: TempDir, env: &[(&str, &str)]) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 30,
                cols: 100,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_salesbook"));
        let p = |s: &str| dir.path().join(s).to_string_lossy().into_owned();
        cmd.env("SALESBOOK_DB", p("book.sqlite"));
        cmd.env("XDG_CONFIG_HOME", p("config"));
        cmd.env("XDG_DATA_HOME", p("data"));
        cmd.env("HOME", p(""));
        cmd.env("TERM", "xterm-256color");
        cmd.env("SALESBOOK_NOW", "2026-11-23T09:30:00+08:00");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pty.slave.spawn_command(cmd).unwrap();
        drop(pty.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(30, 100, 0)));
        let mut reader = pty.master.try_clone_reader().unwrap();
        let sink = Arc::clone(&parser);
        let raw = Arc::new(Mutex::new(Vec::new()));
        let raw_sink = Arc::clone(&raw);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                raw_sink.lock().unwrap().extend_from_slice(&buf[..n]);
                sink.lock().unwrap().process(&buf[..n]);
            }
        });
        let writer = pty.master.take_writer().unwrap();
        // The master must outlive the child's use of the pty.
        std::mem::forget(pty.master);
        Session {
            parser,
            raw,
            writer,
            child,
            _dir: dir,
        }
    }

    fn contents(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    fn wait_for(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let screen = self.contents();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "screen never showed {text:?}; it shows:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the reader thread drain the last bytes.
                std::thread::sleep(Duration::from_millis(200));
                return status.exit_code();
            }
            assert!(Instant::now() < deadline, "salesbook did not exit");
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    fn in_alternate_screen(&self) -> bool {
        self.parser.lock().unwrap().screen().alternate_screen()
    }
}

#[test]
fn a_new_user_loads_the_demo_opens_a_contact_and_quits_cleanly() {
    let mut s = Session::start(&[]);
    s.wait_for("欢迎使用 salesbook");
    assert!(s.in_alternate_screen());
    s.send("d");
    let screen = s.wait_for("已载入示例数据");
    // A loaded book opens on Today.
    assert!(
        screen.contains("今日") && screen.contains("已逾期"),
        "{screen}"
    );
    s.send("2");
    let screen = s.wait_for("理售后 ");
    for stage in ["挖需求", "抛产品", "解问题", "提成交", "理售后"] {
        assert!(screen.contains(stage), "{screen}");
    }
    s.send("\r");
    s.wait_for("跟进记录");
    s.send("\x1b");
    s.wait_for("筛选");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    assert!(
        !s.in_alternate_screen(),
        "terminal left in the alternate screen"
    );
    assert!(
        !s.parser.lock().unwrap().screen().hide_cursor(),
        "cursor left hidden"
    );
}

#[test]
fn typing_a_chinese_name_places_the_cursor_after_it() {
    let mut s = Session::start(&[]);
    s.wait_for("欢迎使用 salesbook");
    s.send("a");
    s.wait_for("新客户");
    s.send("张三丰");
    let screen = s.wait_for("张三丰");
    let (row, col) = s.parser.lock().unwrap().screen().cursor_position();
    let line = screen.lines().nth(row as usize).unwrap();
    let before: String = {
        // Columns up to the cursor hold the label and the name, in display width.
        let mut cols = 0;
        line.chars()
            .take_while(|c| {
                cols += unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0);
                cols <= col as usize
            })
            .collect()
    };
    assert!(
        before.trim_end().ends_with("张三丰"),
        "cursor at {col} in {line:?}"
    );
    // Ctrl-S saves from any field.
    s.send("\x13");
    s.wait_for("已添加 张三丰");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn terminal_is_restored_after_a_panic() {
    let mut s = Session::start(&[("SALESBOOK_DEBUG_FAULT", "panic")]);
    s.wait_for("欢迎使用 salesbook");
    s.send("x");
    let code = s.wait_exit();
    assert_ne!(code, 0);
    assert!(!s.in_alternate_screen());
    assert!(s.contents().contains("injected fault"), "{}", s.contents());
}

#[test]
fn terminal_is_restored_after_an_error() {
    let mut s = Session::start(&[("SALESBOOK_DEBUG_FAULT", "error")]);
    s.wait_for("欢迎使用 salesbook");
    s.send("x");
    assert_eq!(s.wait_exit(), 1);
    assert!(!s.in_alternate_screen());
    assert!(
        s.contents().contains("salesbook: 错误: injected fault"),
        "{}",
        s.contents()
    );
}

#[test]
fn y_sends_the_script_to_the_terminal_clipboard_with_osc52() {
    let mut s = Session::start(&[("SSH_TTY", "/dev/pts/9")]);
    s.wait_for("欢迎使用 salesbook");
    s.send("a");
    s.wait_for("新客户");
    s.send("张三丰\x13");
    s.wait_for("已添加 张三丰");
    // The new lead waits on Today; Enter opens it on the welcome script.
    s.wait_for("新线索待回复 1");
    s.send("\r");
    s.wait_for("SOP · 挖需求");
    s.send("y");
    s.wait_for("已复制");
    let raw = s.raw.lock().unwrap().clone();
    let start = raw
        .windows(7)
        .position(|w| w == b"\x1b]52;c;")
        .expect("an OSC 52 sequence");
    let end = start + raw[start..].iter().position(|b| *b == 0x07).expect("BEL");
    let payload = std::str::from_utf8(&raw[start + 7..end]).unwrap();
    // The payload is the base64 of a filled-in Chinese script.
    let text = decode_base64(payload);
    assert!(text.contains("张三丰"), "{text}");
    assert!(!text.contains('{'));
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

fn decode_base64(s: &str) -> String {
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut bits: u32 = 0;
    let mut n = 0;
    let mut out = Vec::new();
    for c in s.bytes().filter(|c| *c != b'=') {
        let v = alphabet.iter().position(|a| *a == c).expect("base64 digit") as u32;
        bits = (bits << 6) | v;
        n += 6;
        if n >= 8 {
            n -= 8;
            out.push((bits >> n) as u8);
            bits &= (1 << n) - 1;
        }
    }
    String::from_utf8(out).unwrap()
}
