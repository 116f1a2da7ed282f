//! The real binary in a pseudo-terminal: keys typed, the screen read back through a
//! terminal emulator, every byte kept (for sequences a screen does not show, like OSC 52).

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tempfile::TempDir;

pub const ROWS: u16 = 30;
pub const COLS: u16 = 100;

pub struct Session {
    pub parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte the app wrote.
    pub raw: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    pub dir: TempDir,
}

impl Session {
    /// The app for a rep who already gave their name (no first-run question).
    pub fn start(env: &[(&str, &str)]) -> Session {
        let dir = TempDir::new().unwrap();
        let config = dir.path().join("config/salesbook");
        std::fs::create_dir_all(&config).unwrap();
        std::fs::write(config.join("config.toml"), "[me]\nname = \"小王\"\n").unwrap();
        Session::start_in(dir, env, None)
    }

    /// The app in `dir` (a first run when it holds no config); with `then`, a shell runs
    /// that command in the same terminal after the app ends (to look at the terminal).
    pub fn start_in(dir: TempDir, env: &[(&str, &str)], then: Option<&str>) -> Session {
        Session::start_with(dir, env, then, &[])
    }

    /// The binary run with `args` (`audit BOOK`), in `dir`'s environment.
    pub fn start_args(dir: TempDir, env: &[(&str, &str)], args: &[&str]) -> Session {
        Session::start_with(dir, env, None, args)
    }

    fn start_with(
        dir: TempDir,
        env: &[(&str, &str)],
        then: Option<&str>,
        args: &[&str],
    ) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let bin = env!("CARGO_BIN_EXE_salesbook");
        let mut cmd = match then {
            Some(after) => {
                let mut c = CommandBuilder::new("sh");
                c.arg("-c");
                c.arg(format!("'{bin}'; {after}"));
                c
            }
            None => {
                let mut c = CommandBuilder::new(bin);
                c.args(args);
                c
            }
        };
        for (k, v) in Session::env(dir.path()) {
            cmd.env(k, v);
        }
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pty.slave.spawn_command(cmd).unwrap();
        drop(pty.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(ROWS, COLS, 0)));
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
            dir,
        }
    }

    /// The environment every run gets: the book, config and data inside `dir`, a fixed
    /// clock.
    pub fn env(dir: &Path) -> Vec<(&'static str, String)> {
        let p = |s: &str| dir.join(s).to_string_lossy().into_owned();
        vec![
            ("SALESBOOK_DB", p("book.sqlite")),
            ("XDG_CONFIG_HOME", p("config")),
            ("XDG_DATA_HOME", p("data")),
            ("HOME", p("")),
            ("USER", "tester".into()),
            ("TERM", "xterm-256color".into()),
            ("SALESBOOK_NOW", "2026-11-23T09:30:00+08:00".into()),
        ]
    }

    pub fn book(&self) -> PathBuf {
        self.dir.path().join("book.sqlite")
    }

    /// Runs a command on the same book from another process (the CLI in a second
    /// terminal); it must succeed.
    pub fn elsewhere(&self, args: &[&str]) {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_salesbook"))
            .envs(Session::env(self.dir.path()))
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    pub fn contents(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("showed {text:?}"), |screen| screen.contains(text))
    }

    /// Waits until the screen no longer shows `text`.
    pub fn wait_gone(&self, text: &str) -> String {
        self.wait_until(&format!("stopped showing {text:?}"), |screen| {
            !screen.contains(text)
        })
    }

    /// Waits until `ready` holds of the screen (20 s at most; `what` names it in the
    /// failure): the app draws a view's frame before its workers fill it in.
    pub fn wait_until(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let screen = self.contents();
            if ready(&screen) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "the screen never {what}; it shows:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Text as a terminal pastes it (bracketed).
    pub fn paste(&mut self, text: &str) {
        self.send(&format!("\x1b[200~{text}\x1b[201~"));
    }

    pub fn wait_exit(&mut self) -> u32 {
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

    /// The app's process id.
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("a running child has an id")
    }

    pub fn in_alternate_screen(&self) -> bool {
        self.parser.lock().unwrap().screen().alternate_screen()
    }

    /// The texts copied with OSC 52, in order, decoded.
    pub fn osc52_copies(&self) -> Vec<String> {
        let raw = self.raw.lock().unwrap().clone();
        let mut out = Vec::new();
        let mut at = 0;
        while let Some(start) = raw[at..].windows(7).position(|w| w == b"\x1b]52;c;") {
            let start = at + start + 7;
            let len = raw[start..].iter().position(|b| *b == 0x07).expect("BEL");
            out.push(decode_base64(
                std::str::from_utf8(&raw[start..start + len]).unwrap(),
            ));
            at = start + len;
        }
        out
    }
}

pub fn decode_base64(s: &str) -> String {
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
