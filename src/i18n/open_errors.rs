//! Why a file could not be opened as a book, in the UI's language: missing, not a book,
//! another program's database, a newer or damaged one. Each says the file was left as it is.

use super::errors::zh;
use crate::config::Lang;
use crate::store::OpenError;

/// Why `e` kept the book from opening.
pub fn open_error(lang: Lang, e: &OpenError) -> String {
    let z = zh(lang);
    let nothing_changed = if z {
        "（文件没有改动）"
    } else {
        " (the file was left as it is)"
    };
    match e {
        OpenError::Missing(p) => {
            if z {
                format!(
                    "找不到客户手册 {}（没有新建任何文件）：请核对路径；要新建一本，用 salesbook add 或 salesbook demo",
                    p.display()
                )
            } else {
                format!(
                    "no book at {} (nothing was created): check the path; to start one, use `salesbook add` or `salesbook demo`",
                    p.display()
                )
            }
        }
        OpenError::EmptyFile(p) => {
            if z {
                format!("{} 是空文件，还不是客户手册（没有改动）", p.display())
            } else {
                format!(
                    "{} is an empty file, not a book yet (nothing was changed)",
                    p.display()
                )
            }
        }
        OpenError::NotAFile { path, what } => {
            let what_zh = match *what {
                "directory" => "目录",
                "FIFO" => "管道（FIFO）",
                "socket" => "套接字",
                "device" => "设备",
                _ => "特殊文件",
            };
            if z {
                format!(
                    "{} 是{what_zh}，不是普通文件；客户手册和它的备份都是一个文件，请给出文件的路径",
                    path.display()
                )
            } else {
                format!(
                    "{} is a {what}, not a regular file; a book and its backups are single files: give a file's path",
                    path.display()
                )
            }
        }
        OpenError::NotSqlite(p) => {
            if z {
                format!(
                    "{} 不是 SQLite 数据库，不是 salesbook 客户手册{nothing_changed}",
                    p.display()
                )
            } else {
                format!(
                    "{} is not an SQLite database, so not a salesbook book{nothing_changed}",
                    p.display()
                )
            }
        }
        OpenError::Foreign { path, empty: true } => {
            if z {
                format!(
                    "{} 是一个空的 SQLite 数据库，不是 salesbook 建的客户手册{nothing_changed}",
                    path.display()
                )
            } else {
                format!(
                    "{} is an empty SQLite database that salesbook did not make{nothing_changed}",
                    path.display()
                )
            }
        }
        OpenError::Foreign { path, empty: false } => {
            if z {
                format!(
                    "{} 是其他程序的 SQLite 数据库，不是 salesbook 客户手册{nothing_changed}",
                    path.display()
                )
            } else {
                format!(
                    "{} is an SQLite database of another program, not a salesbook book{nothing_changed}",
                    path.display()
                )
            }
        }
        OpenError::Newer {
            path,
            version,
            latest,
        } => {
            if z {
                format!(
                    "{} 由更新版本的 salesbook 写入（结构版本 {version}，这个版本最多认识 {latest}）；请先升级 salesbook{nothing_changed}",
                    path.display()
                )
            } else {
                format!(
                    "{} was written by a newer salesbook (schema version {version}; this one knows up to {latest}); upgrade salesbook to open it{nothing_changed}",
                    path.display()
                )
            }
        }
        OpenError::BadVersion { path, version } => {
            if z {
                format!(
                    "{} 的结构版本是 {version}，salesbook 从不写这个版本{nothing_changed}",
                    path.display()
                )
            } else {
                format!(
                    "{} has schema version {version}, which no salesbook writes{nothing_changed}",
                    path.display()
                )
            }
        }
        OpenError::Older {
            path,
            version,
            latest,
        } => {
            if z {
                format!(
                    "{} 是旧版 salesbook 的客户手册（结构版本 {version}，当前 {latest}）；只读打开不会升级它。用会写入的命令打开一次即可升级（升级前自动备份），审阅别人的手册时请对副本这样做",
                    path.display()
                )
            } else {
                format!(
                    "{} was made by an older salesbook (schema version {version}, now {latest}); reading never upgrades it. Any command that writes upgrades it (after a backup) — for someone else's book, do that on a copy",
                    path.display()
                )
            }
        }
        OpenError::ReadOnly(p) => {
            if z {
                format!(
                    "{} 不能写入（文件或所在目录是只读的）；只读的命令（list、show、agenda、report…）仍然可以用",
                    p.display()
                )
            } else {
                format!(
                    "{} cannot be written (the file or its folder is read-only); read commands (list, show, agenda, report…) still work",
                    p.display()
                )
            }
        }
        // Said of reading as of writing: a lead's read-only roll-up must not hear "write".
        OpenError::Io { path, err } if err.kind() == std::io::ErrorKind::PermissionDenied => {
            if z {
                format!("没有权限打开 {}（{err}）", path.display())
            } else {
                format!("no permission to open {} ({err})", path.display())
            }
        }
        OpenError::Io { path, err } => {
            if z {
                format!("访问 {} 出错：{err}", path.display())
            } else {
                format!("cannot access {}: {err}", path.display())
            }
        }
        OpenError::Sqlite { path, err }
            if err.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseCorrupt) =>
        {
            if z {
                format!(
                    "客户手册文件 {} 已损坏，打不开（SQLite：{err}）；需要从备份恢复",
                    path.display()
                )
            } else {
                format!(
                    "the book's file {} is damaged and cannot be opened (SQLite: {err}); restore a backup",
                    path.display()
                )
            }
        }
        OpenError::Sqlite { path, err } => {
            if z {
                format!("打开 {} 出错：{err}", path.display())
            } else {
                format!("cannot open {}: {err}", path.display())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_permission_is_said_without_claiming_a_write() {
        let io = |kind| OpenError::Io {
            path: "team/wang.sqlite".into(),
            err: std::io::Error::new(kind, "denied"),
        };
        let denied = io(std::io::ErrorKind::PermissionDenied);
        assert_eq!(
            open_error(Lang::Zh, &denied),
            "没有权限打开 team/wang.sqlite（denied）"
        );
        assert_eq!(
            open_error(Lang::En, &denied),
            "no permission to open team/wang.sqlite (denied)"
        );
        let other = io(std::io::ErrorKind::Other);
        assert_eq!(
            open_error(Lang::Zh, &other),
            "访问 team/wang.sqlite 出错：denied"
        );
    }
}
