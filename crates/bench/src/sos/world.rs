//! The synthetic region the run plays out in: hospitals scattered over a box around Bhopal,
//! patients at home somewhere in it, and ambulances that drive believable tracks (a few metres
//! per fix, never faster than the server's fix filter allows). Pure and seeded, so a run can be
//! repeated and the rules tested without a server.

use mysehat_bench::stats::XorShift;

/// About 67 km north to south and 82 km east to west, inside DIGIPIN's area.
pub const SOUTH: f64 = 23.0;
pub const NORTH: f64 = 23.6;
pub const WEST: f64 = 77.0;
pub const EAST: f64 = 77.8;
/// How many hospitals the server alerts first (its first wave).
pub const FIRST_WAVE: usize = 3;
/// Metres per degree of latitude (and of longitude at the equator).
const METRES_PER_DEGREE: f64 = 111_195.0;
/// The mean Earth radius the server's distances use too.
const EARTH_MEAN_RADIUS_M: f64 = 6_371_008.8;

/// A point in the region.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub lat: f64,
    pub lon: f64,
}

/// Great-circle distance in metres (haversine). Written here rather than taken from the
/// server's crates, so the bench checks which hospitals the server alerts independently.
pub fn distance_m(a: Point, b: Point) -> f64 {
    let (p1, p2) = (a.lat.to_radians(), b.lat.to_radians());
    let dlat = p2 - p1;
    let dlon = (b.lon - a.lon).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * EARTH_MEAN_RADIUS_M * h.sqrt().min(1.0).asin()
}

/// Hospitals and the patients' homes, from one seed.
#[derive(Debug, Clone)]
pub struct World {
    pub hospitals: Vec<Point>,
    pub homes: Vec<Point>,
}

impl World {
    pub fn new(seed: u64, hospitals: usize, patients: usize) -> Self {
        let mut rng = XorShift::new(seed);
        Self {
            hospitals: (0..hospitals).map(|_| random_point(&mut rng)).collect(),
            homes: (0..patients).map(|_| random_point(&mut rng)).collect(),
        }
    }

    /// The indices of the `n` hospitals nearest to `at`, nearest first: every hospital here is
    /// open and able, so these are the ones the server alerts first.
    pub fn nearest(&self, at: Point, n: usize) -> Vec<usize> {
        let mut ranked: Vec<(f64, usize)> = self
            .hospitals
            .iter()
            .enumerate()
            .map(|(i, &h)| (distance_m(at, h), i))
            .collect();
        ranked.sort_by(|a, b| a.0.total_cmp(&b.0));
        ranked.into_iter().take(n).map(|(_, i)| i).collect()
    }
}

/// The facility id of hospital `index`.
pub fn hospital_id(index: usize) -> String {
    format!("bench-h{index:04}")
}

/// A ten-digit Indian mobile number per account: `series` 1–3 keep the roles apart.
pub fn phone(series: u8, index: usize) -> String {
    format!("8{series}{index:08}")
}

fn random_point(rng: &mut XorShift) -> Point {
    Point {
        lat: SOUTH + unit(rng) * (NORTH - SOUTH),
        lon: WEST + unit(rng) * (EAST - WEST),
    }
}

/// A number in [0, 1).
fn unit(rng: &mut XorShift) -> f64 {
    const STEPS: usize = 1 << 20;
    rng.below(STEPS) as f64 / STEPS as f64
}

/// One ambulance's drive: a heading that wanders a little at every fix, at a town speed,
/// turning back at the edge of the region.
#[derive(Debug, Clone)]
pub struct Track {
    pub at: Point,
    heading_rad: f64,
    speed_mps: f64,
    rng: XorShift,
}

impl Track {
    pub fn new(seed: u64, start: Point) -> Self {
        let mut rng = XorShift::new(seed);
        let heading_rad = unit(&mut rng) * std::f64::consts::TAU;
        let speed_mps = 6.0 + unit(&mut rng) * 8.0;
        Self {
            at: start,
            heading_rad,
            speed_mps,
            rng,
        }
    }

    pub fn speed_mps(&self) -> f64 {
        self.speed_mps
    }

    /// Moves for `seconds` and returns the new point.
    pub fn advance(&mut self, seconds: f64) -> Point {
        self.heading_rad += (unit(&mut self.rng) - 0.5) * 0.4;
        let metres = self.speed_mps * seconds.max(0.0);
        let dlat = metres * self.heading_rad.cos() / METRES_PER_DEGREE;
        let dlon =
            metres * self.heading_rad.sin() / (METRES_PER_DEGREE * self.at.lat.to_radians().cos());
        let mut next = Point {
            lat: self.at.lat + dlat,
            lon: self.at.lon + dlon,
        };
        if !(SOUTH..=NORTH).contains(&next.lat) || !(WEST..=EAST).contains(&next.lon) {
            self.heading_rad += std::f64::consts::PI;
            next = Point {
                lat: self.at.lat - dlat,
                lon: self.at.lon - dlon,
            };
        }
        self.at = next;
        next
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_place_is_inside_the_region_and_the_same_seed_gives_the_same_world() {
        let a = World::new(7, 50, 100);
        let b = World::new(7, 50, 100);
        assert_eq!(a.hospitals, b.hospitals);
        assert_eq!(a.homes, b.homes);
        for p in a.hospitals.iter().chain(&a.homes) {
            assert!((SOUTH..NORTH).contains(&p.lat) && (WEST..EAST).contains(&p.lon));
        }
        assert_ne!(a.hospitals, World::new(8, 50, 100).hospitals);
    }

    #[test]
    fn the_nearest_hospitals_come_nearest_first() {
        let world = World {
            hospitals: vec![
                Point {
                    lat: 23.3,
                    lon: 77.3,
                },
                Point {
                    lat: 23.01,
                    lon: 77.01,
                },
                Point {
                    lat: 23.1,
                    lon: 77.1,
                },
            ],
            homes: Vec::new(),
        };
        let home = Point {
            lat: 23.0,
            lon: 77.0,
        };
        assert_eq!(world.nearest(home, 2), [1, 2]);
        assert_eq!(world.nearest(home, 9), [1, 2, 0]);
    }

    #[test]
    fn tracks_move_a_few_metres_a_second_and_stay_in_the_region() {
        let start = Point {
            lat: 23.001,
            lon: 77.3,
        };
        let mut track = Track::new(3, start);
        let mut last = start;
        for _ in 0..2_000 {
            let next = track.advance(1.0);
            let metres = distance_m(last, next);
            assert!(metres < 20.0, "{metres} m in one second");
            assert!((SOUTH..=NORTH).contains(&next.lat) && (WEST..=EAST).contains(&next.lon));
            last = next;
        }
    }

    #[test]
    fn a_degree_of_latitude_is_about_111_km() {
        let a = Point {
            lat: 23.0,
            lon: 77.0,
        };
        let b = Point {
            lat: 24.0,
            lon: 77.0,
        };
        assert!((distance_m(a, b) - 111_195.0).abs() < 1.0);
        assert_eq!(distance_m(a, a), 0.0);
        assert!((distance_m(a, b) - distance_m(b, a)).abs() < 1e-9);
    }

    #[test]
    fn ids_and_phones_are_what_the_server_accepts() {
        assert_eq!(hospital_id(7), "bench-h0007");
        assert_eq!(phone(2, 42), "8200000042");
        assert_eq!(phone(3, 99_999_999).len(), 10);
    }
}
