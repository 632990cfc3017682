//! Reading `Accept-Encoding` (RFC 9110, section 12.5.3) and choosing a coding from it.

use super::{Compression, Encoding, Preference};

/// How much a client wants one coding: its quality value in thousandths (0 = refused),
/// and where it was listed (to break ties when the client's order is preferred).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Weight {
    quality: u16,
    position: usize,
}

/// What one `Accept-Encoding` value says about each coding this crate can produce.
#[derive(Debug, Default)]
struct Accepted {
    /// Indexed like [`Encoding::ALL`].
    listed: [Option<Weight>; Encoding::ALL.len()],
    wildcard: Option<Weight>,
}

impl Accepted {
    fn parse(value: &[u8]) -> Accepted {
        let mut accepted = Accepted::default();
        let elements = value.split(|&b| b == b',');
        for (position, element) in elements.enumerate() {
            let mut parts = element.split(|&b| b == b';');
            let name = trim(parts.next().unwrap_or_default());
            if name.is_empty() {
                continue;
            }
            // An element whose weight cannot be read is ignored rather than guessed.
            let Some(quality) = quality(parts) else {
                continue;
            };
            let weight = Some(Weight { quality, position });
            if name == b"*" {
                accepted.wildcard = weight;
            } else if let Some(index) = Encoding::ALL
                .iter()
                .position(|encoding| encoding.matches(name))
            {
                accepted.listed[index] = weight;
            }
        }
        accepted
    }

    /// The client's weight for `encoding`: its own entry, else the wildcard's.
    fn weight(&self, encoding: Encoding) -> Option<Weight> {
        self.listed[encoding.index()]
            .or(self.wildcard)
            .filter(|weight| weight.quality > 0)
    }
}

/// The `q` parameter of one element in thousandths; 1000 when absent, `None` if malformed.
fn quality<'a>(params: impl Iterator<Item = &'a [u8]>) -> Option<u16> {
    let mut quality = 1000;
    for param in params {
        match trim(param).split_first_chunk::<2>() {
            Some(([q, b'='], value)) if q.eq_ignore_ascii_case(&b'q') => {
                quality = parse_qvalue(value)?;
            }
            // Codings define no other parameters; unknown ones are skipped.
            _ => {}
        }
    }
    Some(quality)
}

/// `qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )`, in thousandths.
fn parse_qvalue(value: &[u8]) -> Option<u16> {
    let (whole, fraction) = match value.split_first()? {
        (b'0', rest) => (0, rest),
        (b'1', rest) => (1000, rest),
        _ => return None,
    };
    let digits = match fraction {
        [] => &[][..],
        [b'.', digits @ ..] if digits.len() <= 3 => digits,
        _ => return None,
    };
    let mut thousandths = 0u16;
    for (i, &digit) in digits.iter().enumerate() {
        if !digit.is_ascii_digit() {
            return None;
        }
        thousandths += u16::from(digit - b'0') * [100, 10, 1][i];
    }
    if whole == 1000 && thousandths != 0 {
        return None;
    }
    Some(whole + thousandths)
}

fn trim(bytes: &[u8]) -> &[u8] {
    bytes.trim_ascii()
}

impl Encoding {
    /// True when `name` (an `Accept-Encoding` token) names this coding, in any case;
    /// `x-gzip` is gzip's old alias, which RFC 9110 asks recipients to treat as gzip.
    pub(super) fn matches(self, name: &[u8]) -> bool {
        if name.eq_ignore_ascii_case(self.as_str().as_bytes()) {
            return true;
        }
        #[cfg(feature = "compression-gzip")]
        if self == Encoding::Gzip {
            return name.eq_ignore_ascii_case(b"x-gzip");
        }
        false
    }
}

impl Compression {
    /// Chooses the coding for a response from the request's `Accept-Encoding` value (give
    /// several header lines joined with `,`), or `None` for identity.
    ///
    /// Only codings in this configuration's order are candidates, and only those the
    /// client accepts with a non-zero weight (`*` covers codings it does not name). By
    /// default the first candidate in the server's order wins, whatever the weights:
    /// browsers send `gzip, deflate, br, zstd`, all with weight 1. With
    /// [`Preference::Client`] the highest weight wins, ties going to the coding the client
    /// listed first. A request without the header, or with an empty one, gets `None`.
    ///
    /// ```
    /// use datastar_core::compression::{Compression, Encoding};
    ///
    /// let compression = Compression::default();
    /// assert_eq!(compression.negotiate(b"gzip, deflate, br, zstd"), Some(Encoding::Zstd));
    /// assert_eq!(compression.negotiate(b"gzip, deflate, br"), Some(Encoding::Brotli));
    /// assert_eq!(compression.negotiate(b"gzip;q=1.0, br;q=0"), Some(Encoding::Gzip));
    /// assert_eq!(compression.negotiate(b""), None);
    /// ```
    pub fn negotiate(&self, accept_encoding: &[u8]) -> Option<Encoding> {
        let accepted = Accepted::parse(accept_encoding);
        let candidates = self
            .order
            .iter()
            .filter_map(|&encoding| Some((encoding, accepted.weight(encoding)?)));
        match self.preference {
            Preference::Server => candidates.map(|(encoding, _)| encoding).next(),
            Preference::Client => candidates
                // `min_by_key` keeps the first of equal keys: the server's order among
                // codings that share the wildcard's weight and position.
                .min_by_key(|(_, weight)| (u16::MAX - weight.quality, weight.position))
                .map(|(encoding, _)| encoding),
        }
    }
}

impl Compression {
    /// [`negotiate`](Self::negotiate) over every `Accept-Encoding` line of a request (a
    /// client may send several; they mean their values joined with commas).
    pub(crate) fn negotiate_lines<'a>(
        &self,
        lines: impl IntoIterator<Item = &'a [u8]>,
    ) -> Option<Encoding> {
        let mut lines = lines.into_iter();
        let first = lines.next()?;
        let Some(second) = lines.next() else {
            return self.negotiate(first);
        };
        let mut joined =
            [first, second]
                .into_iter()
                .chain(lines)
                .fold(Vec::new(), |mut joined, line| {
                    joined.extend_from_slice(line);
                    joined.push(b',');
                    joined
                });
        joined.pop();
        self.negotiate(&joined)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qvalues() {
        assert_eq!(parse_qvalue(b"1"), Some(1000));
        assert_eq!(parse_qvalue(b"1.000"), Some(1000));
        assert_eq!(parse_qvalue(b"0"), Some(0));
        assert_eq!(parse_qvalue(b"0.5"), Some(500));
        assert_eq!(parse_qvalue(b"0.05"), Some(50));
        assert_eq!(parse_qvalue(b"0.001"), Some(1));
        assert_eq!(parse_qvalue(b"0."), Some(0));
        for bad in [&b"1.5"[..], b"2", b"0.0001", b".5", b"", b"0,5", b"x"] {
            assert_eq!(
                parse_qvalue(bad),
                None,
                "{:?}",
                String::from_utf8_lossy(bad)
            );
        }
    }
}
