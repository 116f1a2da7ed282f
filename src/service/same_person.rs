//! The same person added twice: a phone or WeChat ID another contact already has, read
//! from the indexes inside the write.

use super::error::{Error, Result, SharedKey};
use super::pipeline::Cx;
use crate::domain::ContactId;

/// Refuses a phone or WeChat ID that another contact (`other` than `id`) already has —
/// the same person added twice — unless the rep says it is someone else.
pub(super) fn refuse_duplicate(
    cx: &Cx,
    id: Option<ContactId>,
    phone: Option<&str>,
    wechat: Option<&str>,
) -> Result<()> {
    let phones = phone
        .map(crate::domain::contact::phone_spellings)
        .unwrap_or_default();
    let found = cx.w.snap().contacts_sharing(&phones, wechat, None)?;
    let Some(other) = found.into_iter().find(|k| Some(k.id) != id) else {
        return Ok(());
    };
    let same_phone = other
        .phone
        .as_deref()
        .is_some_and(|p| phones.iter().any(|s| s == p));
    let key = match (same_phone, phone, wechat) {
        (true, Some(p), _) => SharedKey::Phone(p.to_string()),
        (_, _, Some(w)) => SharedKey::Wechat(w.to_string()),
        (_, p, _) => SharedKey::Phone(p.unwrap_or_default().to_string()),
    };
    Err(Error::Duplicate {
        id: other.id,
        name: other.name,
        key,
    })
}
