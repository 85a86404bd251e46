//! Bytes to text: BOM sniffing, UTF-8, UTF-16 and a Windows-1252 fallback (`encoding_rs`).

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// Decoded text, with a warning when the decoding was a guess.
#[derive(Debug)]
pub struct Decoded {
    /// The text, BOM removed, line endings normalised to `\n`.
    pub text: String,
    /// Set when the bytes were not valid UTF-8 and were read as Windows-1252.
    pub warning: Option<String>,
}

/// Decodes a file's bytes, or says why it is not text.
pub fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    let (text, warning) = match Encoding::for_bom(bytes) {
        Some((enc, bom)) if enc != UTF_8 => {
            let (t, had_errors) = enc.decode_without_bom_handling(&bytes[bom..]);
            let w = had_errors.then(|| format!("invalid {} sequences replaced", enc.name()));
            (t.into_owned(), w)
        }
        bom => {
            let body = &bytes[bom.map_or(0, |(_, n)| n)..];
            if let Some(p) = memchr::memchr(0, body) {
                return Err(format!("binary file (NUL byte at offset {p})"));
            }
            match std::str::from_utf8(body) {
                Ok(s) => (s.to_string(), None),
                Err(e) => {
                    let (t, _) = WINDOWS_1252.decode_without_bom_handling(body);
                    (
                        t.into_owned(),
                        Some(format!(
                            "not valid UTF-8 (first bad byte at offset {}): decoded as Windows-1252",
                            e.valid_up_to()
                        )),
                    )
                }
            }
        }
    };
    if looks_binary(&text) {
        return Err("binary file (control characters)".to_string());
    }
    Ok(Decoded {
        text: super::normalize_newlines(text),
        warning,
    })
}

/// NUL, or more than 1% of characters being control characters other than white space.
fn looks_binary(text: &str) -> bool {
    if text.is_ascii() {
        let b = text.as_bytes();
        let controls = b
            .iter()
            .filter(|&&c| c < 0x20 && !matches!(c, b'\n' | b'\r' | b'\t' | 0x0c) || c == 0x7f)
            .count();
        return memchr::memchr(0, b).is_some() || (controls > 0 && controls * 100 > b.len());
    }
    let mut controls = 0usize;
    let mut total = 0usize;
    for c in text.chars() {
        total += 1;
        if c == '\0' {
            return true;
        }
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}' | '\u{85}') {
            controls += 1;
        }
    }
    controls > 0 && controls * 100 > total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode(b"caf\xc3\xa9").unwrap().text, "café");
        let d = decode(b"\xef\xbb\xbfcaf\xc3\xa9\r\nx").unwrap();
        assert_eq!(d.text, "café\nx");
        assert!(d.warning.is_none());
    }

    #[test]
    fn utf16_with_bom() {
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Né".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(decode(&le).unwrap().text, "Né");
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("Né".encode_utf16().flat_map(|u| u.to_be_bytes()))
            .collect();
        assert_eq!(decode(&be).unwrap().text, "Né");
    }

    #[test]
    fn windows_1252_fallback_warns() {
        let d = decode(b"caf\xe9 \x93quoted\x94").unwrap();
        assert_eq!(d.text, "café “quoted”");
        assert!(d.warning.unwrap().contains("Windows-1252"));
    }

    #[test]
    fn binary_is_rejected() {
        assert!(decode(b"PK\x03\x04\x00\x00").unwrap_err().contains("NUL"));
        assert!(decode(b"\x01\x02\x03\x04abc").is_err());
    }
}
