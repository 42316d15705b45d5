//! Affine transforms, as PDF content streams write them.

use lopdf::Object;

/// A 2D affine transform `[a b c d e f]`, as PDF writes them.
#[derive(Debug, Clone, Copy)]
pub struct Matrix(pub [f64; 6]);

impl Matrix {
    /// No transform.
    pub const IDENTITY: Self = Self([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    /// The six numbers of a `cm` or `Tm` operator.
    pub fn from_operands(operands: &[Object]) -> Self {
        let n = |i: usize| {
            operands
                .get(i)
                .and_then(|o| o.as_float().ok())
                .map_or(0.0, f64::from)
        };
        Self([n(0), n(1), n(2), n(3), n(4), n(5)])
    }

    /// A move by (`x`, `y`).
    pub fn translate(x: f64, y: f64) -> Self {
        Self([1.0, 0.0, 0.0, 1.0, x, y])
    }

    /// `self` applied first, then `other`.
    #[must_use]
    pub fn then(self, other: Self) -> Self {
        let [a, b, c, d, e, f] = self.0;
        let [p, q, r, s, t, u] = other.0;
        Self([
            a * p + b * r,
            a * q + b * s,
            c * p + d * r,
            c * q + d * s,
            e * p + f * r + t,
            e * q + f * s + u,
        ])
    }

    /// How much the transform scales lengths (the square root of the area factor).
    pub fn scale(self) -> f64 {
        let [a, b, c, d, ..] = self.0;
        (a * d - b * c).abs().sqrt()
    }
}
