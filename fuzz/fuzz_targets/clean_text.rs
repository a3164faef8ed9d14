//! Plain-text cleaning of any bytes, in both languages' packs.
#![no_main]

use libfuzzer_sys::fuzz_target;
use warta::source::SourceMeta;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for code in ["id", "en"] {
        let pack = warta::lang::pack(code).expect("bundled pack");
        warta::clean::clean_text(&text, pack, &SourceMeta::default());
    }
});
