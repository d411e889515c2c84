//! `mysehat`: the one binary. See `mysehat --help`.

fn main() -> std::process::ExitCode {
    mysehat::cli::main()
}
