fn main() {
    let path = std::env::args().nth(1).expect("path");
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("read")).expect("json");
    for e in mysehat_fhir::extract_index(&v).expect("extract") {
        println!("{} {:?}", e.param, e.value);
    }
    for i in mysehat_fhir::validate(&v) {
        println!("ISSUE {i:?}");
    }
    let t = std::time::Instant::now();
    let n = 10000;
    for _ in 0..n {
        std::hint::black_box(mysehat_fhir::validate(&v));
    }
    println!("validate: {:?}/iter", t.elapsed() / n);
    let t = std::time::Instant::now();
    for _ in 0..n {
        std::hint::black_box(mysehat_fhir::extract_index(&v).expect("x"));
    }
    println!("extract: {:?}/iter", t.elapsed() / n);
}
