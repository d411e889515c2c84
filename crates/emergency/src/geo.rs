//! Validated coordinates and distances on the Earth: every position in the SOS flow is parsed
//! into a [`LatLon`] once, at the edge, so the rest of the crate never meets NaN or lat = 200.

use serde::{Deserialize, Serialize};
use thiserror::Error;
use utoipa::ToSchema;

/// Mean Earth radius (IUGG R1), in metres; the haversine distance uses a sphere of this radius.
pub const EARTH_MEAN_RADIUS_M: f64 = 6_371_008.8;

/// Which coordinate a message is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Axis {
    Latitude,
    Longitude,
}

impl std::fmt::Display for Axis {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Axis::Latitude => "latitude",
            Axis::Longitude => "longitude",
        })
    }
}

/// Why a pair of numbers is not a position on the Earth.
#[derive(Debug, Clone, Copy, PartialEq, Error)]
pub enum GeoError {
    #[error("{axis} is not a finite number")]
    NotFinite { axis: Axis },
    #[error("latitude {value} is outside -90..=90 degrees")]
    LatitudeOutOfRange { value: f64 },
    #[error("longitude {value} is outside -180..=180 degrees")]
    LongitudeOutOfRange { value: f64 },
}

impl GeoError {
    /// Stable snake_case code the app translates.
    pub fn code(&self) -> &'static str {
        match self {
            GeoError::NotFinite { .. } => "geo_not_finite",
            GeoError::LatitudeOutOfRange { .. } => "geo_latitude_out_of_range",
            GeoError::LongitudeOutOfRange { .. } => "geo_longitude_out_of_range",
        }
    }
}

/// A WGS 84 position in decimal degrees: finite, latitude in -90..=90, longitude in -180..=180.
///
/// On the wire: `{"lat": 28.622788, "lon": 77.213033}`; deserialising validates.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(try_from = "RawLatLon")]
pub struct LatLon {
    /// Degrees north (negative: south).
    lat: f64,
    /// Degrees east (negative: west).
    lon: f64,
}

#[derive(Deserialize)]
struct RawLatLon {
    lat: f64,
    lon: f64,
}

impl TryFrom<RawLatLon> for LatLon {
    type Error = GeoError;

    fn try_from(raw: RawLatLon) -> Result<Self, Self::Error> {
        LatLon::new(raw.lat, raw.lon)
    }
}

impl LatLon {
    /// Checks and wraps a position; the error names the coordinate that is wrong.
    pub fn new(lat: f64, lon: f64) -> Result<Self, GeoError> {
        if !lat.is_finite() {
            return Err(GeoError::NotFinite {
                axis: Axis::Latitude,
            });
        }
        if !lon.is_finite() {
            return Err(GeoError::NotFinite {
                axis: Axis::Longitude,
            });
        }
        if !(-90.0..=90.0).contains(&lat) {
            return Err(GeoError::LatitudeOutOfRange { value: lat });
        }
        if !(-180.0..=180.0).contains(&lon) {
            return Err(GeoError::LongitudeOutOfRange { value: lon });
        }
        Ok(Self { lat, lon })
    }

    pub fn lat(self) -> f64 {
        self.lat
    }

    pub fn lon(self) -> f64 {
        self.lon
    }

    /// Great-circle distance to `other` in metres (see [`haversine_m`]).
    pub fn distance_m(self, other: LatLon) -> f64 {
        haversine_m(self, other)
    }

    /// A link that opens this point in Google Maps (and in most phones' map apps), with six
    /// decimals (about 0.1 m), e.g. `https://www.google.com/maps?q=28.622788,77.213033`.
    pub fn maps_link(self) -> String {
        format!(
            "https://www.google.com/maps?q={},{}",
            six_decimals(self.lat),
            six_decimals(self.lon)
        )
    }

    /// The point on the unit sphere (x towards 0° E on the equator, z towards the North Pole).
    pub(crate) fn unit_vector(self) -> [f64; 3] {
        let (lat, lon) = (self.lat.to_radians(), self.lon.to_radians());
        [lat.cos() * lon.cos(), lat.cos() * lon.sin(), lat.sin()]
    }
}

/// Great-circle distance in metres on a sphere of [`EARTH_MEAN_RADIUS_M`] (haversine formula;
/// within about 0.5 % of the ellipsoidal distance, ample for choosing an ambulance).
pub fn haversine_m(a: LatLon, b: LatLon) -> f64 {
    let (phi1, phi2) = (a.lat.to_radians(), b.lat.to_radians());
    let half_dphi = (phi2 - phi1) / 2.0;
    let half_dlambda = (b.lon - a.lon).to_radians() / 2.0;
    let h = half_dphi.sin().powi(2) + phi1.cos() * phi2.cos() * half_dlambda.sin().powi(2);
    // Rounding can push h a hair above 1 for antipodal points; asin would then return NaN.
    2.0 * EARTH_MEAN_RADIUS_M * h.sqrt().min(1.0).asin()
}

/// `{:.6}` without the "-0.000000" that tiny negative values would otherwise print.
fn six_decimals(value: f64) -> String {
    let text = format!("{value:.6}");
    if text == "-0.000000" {
        "0.000000".to_owned()
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(lat: f64, lon: f64) -> LatLon {
        LatLon::new(lat, lon).expect("test coordinates are valid")
    }

    #[test]
    fn positions_outside_the_globe_are_refused_naming_the_coordinate() {
        assert_eq!(
            LatLon::new(f64::NAN, 0.0),
            Err(GeoError::NotFinite {
                axis: Axis::Latitude
            })
        );
        assert_eq!(
            LatLon::new(0.0, f64::INFINITY),
            Err(GeoError::NotFinite {
                axis: Axis::Longitude
            })
        );
        assert_eq!(
            LatLon::new(90.000001, 0.0),
            Err(GeoError::LatitudeOutOfRange { value: 90.000001 })
        );
        assert_eq!(
            LatLon::new(0.0, -180.5),
            Err(GeoError::LongitudeOutOfRange { value: -180.5 })
        );
        assert!(LatLon::new(-90.0, 180.0).is_ok());
    }

    #[test]
    fn deserialising_validates_the_position() {
        let ok: Result<LatLon, _> = serde_json::from_str(r#"{"lat": 28.6, "lon": 77.2}"#);
        assert_eq!(ok.ok(), Some(at(28.6, 77.2)));
        let err = serde_json::from_str::<LatLon>(r#"{"lat": 128.6, "lon": 77.2}"#)
            .expect_err("latitude 128.6 is refused");
        assert!(err.to_string().contains("latitude 128.6"), "{err}");
    }

    #[test]
    fn one_degree_of_latitude_is_about_111_km() {
        let d = haversine_m(at(0.0, 77.0), at(1.0, 77.0));
        assert!((d - 111_195.08).abs() < 0.1, "{d}");
    }

    #[test]
    fn haversine_agrees_with_the_spherical_law_of_cosines() {
        // An independent formula on the same sphere, well conditioned at these distances.
        let cosines = |a: LatLon, b: LatLon| {
            let (p1, p2) = (a.lat.to_radians(), b.lat.to_radians());
            let dl = (b.lon - a.lon).to_radians();
            EARTH_MEAN_RADIUS_M * (p1.sin() * p2.sin() + p1.cos() * p2.cos() * dl.cos()).acos()
        };
        let delhi = at(28.6315, 77.2167);
        for other in [
            at(18.9398, 72.8355),
            at(22.5726, 88.3639),
            at(-33.86, 151.21),
        ] {
            let (h, c) = (delhi.distance_m(other), cosines(delhi, other));
            assert!((h - c).abs() < 0.01, "{h} vs {c}");
        }
        let mumbai = delhi.distance_m(at(18.9398, 72.8355));
        assert!((1_160_000.0..1_170_000.0).contains(&mumbai), "{mumbai}");
    }

    #[test]
    fn distance_is_symmetric_and_zero_to_itself() {
        let (a, b) = (at(12.9716, 77.5946), at(-33.86, 151.21));
        assert_eq!(a.distance_m(a), 0.0);
        assert_eq!(a.distance_m(b), b.distance_m(a));
    }

    #[test]
    fn antipodes_are_half_the_circumference_apart() {
        let d = at(10.0, 170.0).distance_m(at(-10.0, -10.0));
        let half = std::f64::consts::PI * EARTH_MEAN_RADIUS_M;
        assert!((d - half).abs() < 1.0, "{d} vs {half}");
    }

    #[test]
    fn across_the_antimeridian_is_short() {
        let d = at(0.0, 179.9995).distance_m(at(0.0, -179.9995));
        assert!((d - 111.2).abs() < 0.1, "{d}");
    }

    #[test]
    fn maps_link_has_six_decimals() {
        assert_eq!(
            at(28.622788, 77.213033).maps_link(),
            "https://www.google.com/maps?q=28.622788,77.213033"
        );
        assert_eq!(
            at(-0.0000001, 5.5).maps_link(),
            "https://www.google.com/maps?q=0.000000,5.500000"
        );
    }

    #[test]
    fn unit_vectors_lie_on_the_unit_sphere() {
        for p in [at(90.0, 0.0), at(-45.0, 180.0), at(12.3, -45.6)] {
            let [x, y, z] = p.unit_vector();
            assert!(((x * x + y * y + z * z) - 1.0).abs() < 1e-15);
        }
    }
}
