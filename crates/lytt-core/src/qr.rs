//! A QR code of a survey's link, for posters, flyers and the kiosk: drawn as one SVG path, so
//! it prints sharp at any size.

use qrcodegen::{QrCode, QrCodeEcc};

/// The modules of a blank border a reader needs around the code (ISO/IEC 18004).
pub const QUIET_ZONE: i32 = 4;

/// A QR code: its width in modules (without the quiet zone) and its dark modules as an SVG path
/// in module units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Qr {
    pub size: i32,
    pub path: String,
}

impl Qr {
    /// The code as a standalone SVG file, dark on white with its quiet zone.
    pub fn svg(&self) -> String {
        let full = self.size + 2 * QUIET_ZONE;
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"-{QUIET_ZONE} -{QUIET_ZONE} {full} {full}\" \
             shape-rendering=\"crispEdges\"><rect x=\"-{QUIET_ZONE}\" y=\"-{QUIET_ZONE}\" width=\"{full}\" \
             height=\"{full}\" fill=\"#fff\"/><path d=\"{}\" fill=\"#000\"/></svg>\n",
            self.path
        )
    }
}

/// The QR code of `text` at error correction level M or better, or `None` if it is too long
/// for one (see `link::MAX_QR_LINK_CHARS`).
pub fn qr_code(text: &str) -> Option<Qr> {
    let code = QrCode::encode_text(text, QrCodeEcc::Medium).ok()?;
    let size = code.size();
    let mut path = String::new();
    for y in 0..size {
        let mut x = 0;
        while x < size {
            if !code.get_module(x, y) {
                x += 1;
                continue;
            }
            // One rectangle for each run of dark modules in a row.
            let start = x;
            while x < size && code.get_module(x, y) {
                x += 1;
            }
            path.push_str(&format!("M{start} {y}h{}v1h-{}z", x - start, x - start));
        }
    }
    Some(Qr { size, path })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::link::MAX_QR_LINK_CHARS;

    #[test]
    fn a_link_up_to_the_limit_has_a_code_and_a_longer_one_none() {
        let link = |n: usize| format!("https://example.org/#/l/{}", "x".repeat(n - 24));
        let largest = qr_code(&link(MAX_QR_LINK_CHARS)).expect("the longest link fits");
        assert_eq!(largest.size, 177, "version 40");
        assert!(qr_code(&link(MAX_QR_LINK_CHARS + 1)).is_none());
        assert_eq!(qr_code("https://example.org/#/l/AbC").map(|q| q.size), Some(29), "version 3 at level M or better");
    }

    #[test]
    fn the_path_draws_every_dark_module_once() {
        let text = "https://example.org/#/l/AbC";
        let qr = qr_code(text).unwrap();
        let code = QrCode::encode_text(text, QrCodeEcc::Medium).unwrap();
        let dark = (0..qr.size)
            .flat_map(|y| (0..qr.size).map(move |x| (x, y)))
            .filter(|&(x, y)| code.get_module(x, y))
            .count();
        let drawn: i32 = qr
            .path
            .split('M')
            .filter(|s| !s.is_empty())
            .map(|run| {
                run.split('h').nth(1).and_then(|w| w.split('v').next()).and_then(|w| w.parse::<i32>().ok()).unwrap()
            })
            .sum();
        assert_eq!(drawn as usize, dark);
        assert!(qr.svg().starts_with("<svg") && qr.svg().contains(&qr.path));
    }
}
