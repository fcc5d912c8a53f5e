//! The names the facts keep (figure subjects, table rows, block titles),
//! each held once: a draft names the same items over and over
//! (`基本支出`, `一般公共预算财政拨款收入`), in prose, in every table's rows
//! and in the headings of each unit's sections.

use std::cell::RefCell;
use std::sync::Arc;

/// A name the facts keep (see [`intern`]): read as a `str`, held behind
/// one thin pointer (a draft has a hundred thousand figures, each naming
/// its subject), shared with the equal names made before it.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Name(Arc<Box<str>>);

impl std::ops::Deref for Name {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Name {
    fn as_ref(&self) -> &str {
        self
    }
}

impl std::borrow::Borrow<str> for Name {
    fn borrow(&self) -> &str {
        self
    }
}

impl Default for Name {
    fn default() -> Name {
        intern("")
    }
}

impl From<&str> for Name {
    fn from(s: &str) -> Name {
        intern(s)
    }
}

impl From<String> for Name {
    fn from(s: String) -> Name {
        intern(&s)
    }
}

impl PartialEq<str> for Name {
    fn eq(&self, other: &str) -> bool {
        **self == *other
    }
}

impl PartialEq<&str> for Name {
    fn eq(&self, other: &&str) -> bool {
        **self == **other
    }
}

impl std::fmt::Debug for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self, f)
    }
}

impl std::fmt::Display for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(&**self, f)
    }
}

impl serde::Serialize for Name {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self)
    }
}

/// Slots of a thread's names: far more than the names a draft repeats (a
/// few hundred in the corpus's 40 drafts), few enough to cost nothing to
/// keep (64 KB a thread).
const SLOTS: usize = 4096;

thread_local! {
    /// The names this thread made last, in pairs of slots found by hash:
    /// a name not found takes the first slot of its pair, the name there
    /// moving to the second. Each thread keeps its own (the blocks are
    /// read on all cores), so that nothing waits for another.
    static KEPT: RefCell<Box<[Option<Name>]>> = RefCell::new(vec![None; SLOTS].into_boxed_slice());
}

/// `name`, shared with the names equal to it made before on this thread
/// (the last of them, at least, among names that hash alike). A lookup
/// costs a hash and at most two comparisons; nothing depends on whether
/// a name is shared but the memory it takes.
pub fn intern(name: &str) -> Name {
    KEPT.with(|kept| {
        let Ok(mut kept) = kept.try_borrow_mut() else { return Name(Arc::new(name.into())) };
        let i = pair_of(name) * 2;
        if let Some(k) = kept[i].as_ref().filter(|k| ***k == *name) {
            return k.clone();
        }
        if let Some(k) = kept[i + 1].as_ref().filter(|k| ***k == *name) {
            let k = k.clone();
            kept.swap(i, i + 1);
            return k;
        }
        let new = Name(Arc::new(name.into()));
        kept[i + 1] = kept[i].replace(new.clone());
        new
    })
}

/// The pair of slots for `name`: a multiplicative hash of its bytes,
/// eight at a time.
fn pair_of(name: &str) -> usize {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let bytes = name.as_bytes();
    let mut h = bytes.len() as u64;
    let mut words = bytes.chunks_exact(8);
    for w in &mut words {
        h = (h.rotate_left(5) ^ u64::from_le_bytes(w.try_into().unwrap_or_default())).wrapping_mul(K);
    }
    let mut last = [0u8; 8];
    last[..words.remainder().len()].copy_from_slice(words.remainder());
    h = (h.rotate_left(5) ^ u64::from_le_bytes(last)).wrapping_mul(K);
    (h >> (64 - (SLOTS / 2).trailing_zeros())) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_names_are_shared() {
        let a = intern("基本支出");
        let b = intern(&String::from("基本支出"));
        assert!(Arc::ptr_eq(&a.0, &b.0));
        assert_eq!(&*intern(""), "");
        // Many names: each still reads as itself.
        let names: Vec<String> = (0..20_000).map(|i| format!("项目{i}")).collect();
        for n in &names {
            assert_eq!(&*intern(n), n.as_str());
        }
        for n in names.iter().rev() {
            assert_eq!(&*intern(n), n.as_str());
        }
    }
}
