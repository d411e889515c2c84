//! India Post's DIGIPIN, the open 10-symbol code for a ~4 m cell anywhere in India's bounding
//! box, so a caller can read out or SMS an exact location without a street address.
//!
//! Implemented from "Digital Postal Index Number (DIGIPIN): National Level Addressing Grid,
//! Technical Document – Final version", Department of Posts, March 2025:
//! * §3.1: bounding box latitude 2.5–38.5° N, longitude 63.5–99.5° E (EPSG:4326).
//! * §3 / §3.3: ten levels, each splitting the current cell into 4 × 4 and naming the part
//!   with one symbol from the same labelled grid ([`GRID`], first row north, as in the
//!   Department's reference implementation `CEPT-VZG/digipin` `src/digipin.js`).
//! * §3.4: a point on a grid line belongs to the cell east of a north–south line and north
//!   of an east–west line, except on the outer edges 38.5° N and 99.5° E, which belong to
//!   the cell south / west of them.
//!
//! Written as `XXX-XXX-XXXX` (hyphens after the 3rd and 6th symbols).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use thiserror::Error;
use utoipa::ToSchema;

use crate::geo::Axis;

/// Southern edge of the DIGIPIN bounding box, degrees north.
pub const SOUTH: f64 = 2.5;
/// Northern edge, degrees north.
pub const NORTH: f64 = 38.5;
/// Western edge, degrees east.
pub const WEST: f64 = 63.5;
/// Eastern edge, degrees east.
pub const EAST: f64 = 99.5;

/// Number of symbols (levels) in a full DIGIPIN.
pub const LEN: usize = 10;

/// The labelled 4 × 4 grid used at every level: row 0 is the northern row, column 0 the
/// western column (symbols spiral anticlockwise outwards from `2`, §3.3).
pub const GRID: [[char; 4]; 4] = [
    ['F', 'C', '9', '8'],
    ['J', '3', '2', '7'],
    ['K', '4', '5', '6'],
    ['L', 'M', 'P', 'T'],
];

/// Why coordinates cannot be encoded or a text is not a DIGIPIN.
#[derive(Debug, Clone, Copy, PartialEq, Error)]
pub enum DigipinError {
    #[error("{axis} is not a finite number")]
    NotFinite { axis: Axis },
    #[error("latitude {value} is outside DIGIPIN's area (2.5 to 38.5 degrees north)")]
    LatitudeOutOfBounds { value: f64 },
    #[error("longitude {value} is outside DIGIPIN's area (63.5 to 99.5 degrees east)")]
    LongitudeOutOfBounds { value: f64 },
    #[error("a DIGIPIN has 10 symbols (hyphens aside), found {found}")]
    WrongLength { found: usize },
    #[error(
        "'{symbol}' (symbol {position}) is not a DIGIPIN symbol; use 2-9, C, F, J, K, L, M, P, T"
    )]
    InvalidSymbol { symbol: char, position: usize },
}

impl DigipinError {
    /// Stable snake_case code the app translates.
    pub fn code(&self) -> &'static str {
        match self {
            DigipinError::NotFinite { .. } => "digipin_not_finite",
            DigipinError::LatitudeOutOfBounds { .. } => "digipin_latitude_out_of_bounds",
            DigipinError::LongitudeOutOfBounds { .. } => "digipin_longitude_out_of_bounds",
            DigipinError::WrongLength { .. } => "digipin_wrong_length",
            DigipinError::InvalidSymbol { .. } => "digipin_invalid_symbol",
        }
    }
}

/// A valid 10-symbol DIGIPIN. Held as grid positions (`row * 4 + col` per level), so every
/// value names a real cell; shown and serialised as `39J-49L-L8T4`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, ToSchema)]
#[schema(value_type = String, example = "39J-49L-L8T4")]
pub struct Digipin([u8; LEN]);

/// The centre of a DIGIPIN cell, in decimal degrees.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CellCentre {
    pub lat: f64,
    pub lon: f64,
}

/// The extent of a DIGIPIN cell, in decimal degrees.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CellBounds {
    pub south: f64,
    pub north: f64,
    pub west: f64,
    pub east: f64,
}

impl CellBounds {
    /// The whole bounding box (the level-0 cell).
    pub const AREA: CellBounds = CellBounds {
        south: SOUTH,
        north: NORTH,
        west: WEST,
        east: EAST,
    };

    pub fn centre(&self) -> CellCentre {
        CellCentre {
            lat: (self.south + self.north) / 2.0,
            lon: (self.west + self.east) / 2.0,
        }
    }

    /// Whether the point lies in the cell, edges included.
    pub fn contains(&self, lat: f64, lon: f64) -> bool {
        (self.south..=self.north).contains(&lat) && (self.west..=self.east).contains(&lon)
    }

    /// The sub-cell at `row` (0 = north) and `col` (0 = west). Encoding and decoding both
    /// go through here, so a decoded cell is exactly the one the encoder chose.
    fn child(&self, row: usize, col: usize) -> CellBounds {
        let lat_step = (self.north - self.south) / 4.0;
        let lon_step = (self.east - self.west) / 4.0;
        let band = (3 - row) as f64; // counted from the south
        let west = self.west + lon_step * col as f64;
        CellBounds {
            south: self.south + lat_step * band,
            north: self.south + lat_step * (band + 1.0),
            west,
            east: west + lon_step,
        }
    }
}

/// Encodes a point inside the bounding box (edges included) to its DIGIPIN.
pub fn encode(lat: f64, lon: f64) -> Result<Digipin, DigipinError> {
    if !lat.is_finite() {
        return Err(DigipinError::NotFinite {
            axis: Axis::Latitude,
        });
    }
    if !lon.is_finite() {
        return Err(DigipinError::NotFinite {
            axis: Axis::Longitude,
        });
    }
    if !(SOUTH..=NORTH).contains(&lat) {
        return Err(DigipinError::LatitudeOutOfBounds { value: lat });
    }
    if !(WEST..=EAST).contains(&lon) {
        return Err(DigipinError::LongitudeOutOfBounds { value: lon });
    }
    let mut cell = CellBounds::AREA;
    let mut cells = [0u8; LEN];
    for slot in &mut cells {
        // Flooring puts a point on an inner line in the cell north / east of it (§3.4);
        // clamping puts the outer edges 38.5° N and 99.5° E in the last row / column.
        let band = quarter((lat - cell.south) / ((cell.north - cell.south) / 4.0));
        let col = quarter((lon - cell.west) / ((cell.east - cell.west) / 4.0));
        let row = 3 - band;
        *slot = (row * 4 + col) as u8;
        cell = cell.child(row, col);
    }
    Ok(Digipin(cells))
}

/// The centre of the cell a DIGIPIN names.
pub fn decode(pin: &Digipin) -> CellCentre {
    pin.bounds().centre()
}

/// Which quarter (0..=3) a position scaled to quarters falls in.
fn quarter(scaled: f64) -> usize {
    scaled.floor().clamp(0.0, 3.0) as usize
}

/// The grid position (`row * 4 + col`) of an upper-case symbol.
fn grid_index(symbol: char) -> Option<u8> {
    GRID.iter()
        .flatten()
        .position(|&s| s == symbol)
        .map(|i| i as u8)
}

impl Digipin {
    /// Reads a DIGIPIN written with or without hyphens, in either case; surrounding
    /// whitespace is ignored. The error names the first bad symbol or the wrong length.
    pub fn parse(text: &str) -> Result<Self, DigipinError> {
        let mut cells = [0u8; LEN];
        let mut found = 0;
        for symbol in text.trim().chars().filter(|&c| c != '-') {
            let index =
                grid_index(symbol.to_ascii_uppercase()).ok_or(DigipinError::InvalidSymbol {
                    symbol,
                    position: found + 1,
                })?;
            if let Some(slot) = cells.get_mut(found) {
                *slot = index;
            }
            found += 1;
        }
        if found != LEN {
            return Err(DigipinError::WrongLength { found });
        }
        Ok(Self(cells))
    }

    /// The extent of the ~3.8 m × 3.8 m cell this DIGIPIN names.
    pub fn bounds(&self) -> CellBounds {
        self.0.iter().fold(CellBounds::AREA, |cell, &index| {
            cell.child(usize::from(index / 4), usize::from(index % 4))
        })
    }

    /// The ten symbols without hyphens, e.g. `39J49LL8T4`.
    pub fn compact(&self) -> String {
        self.symbols().collect()
    }

    fn symbols(&self) -> impl Iterator<Item = char> + '_ {
        self.0
            .iter()
            .map(|&index| GRID[usize::from(index / 4)][usize::from(index % 4)])
    }
}

impl fmt::Display for Digipin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, symbol) in self.symbols().enumerate() {
            if i == 3 || i == 6 {
                f.write_str("-")?;
            }
            write!(f, "{symbol}")?;
        }
        Ok(())
    }
}

impl FromStr for Digipin {
    type Err = DigipinError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::parse(text)
    }
}

impl Serialize for Digipin {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Digipin {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}
