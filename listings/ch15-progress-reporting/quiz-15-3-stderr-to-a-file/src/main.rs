// Listing 15-1, built beside this program as `kitchen`, started with its
// stderr going to a file, as `2> bars.txt` does in a shell; its stdout is
// this program's.
use std::fs::{self, File};
use std::process::Command;

fn main() -> std::io::Result<()> {
    let kitchen =
        std::env::current_exe()?.with_file_name(format!("kitchen{}", std::env::consts::EXE_SUFFIX));
    let bars = std::env::temp_dir().join(format!("bars-{}.txt", std::process::id()));
    let status = Command::new(kitchen)
        .stderr(File::create(&bars)?)
        .status()?;
    let written = fs::read(&bars)?.len();
    fs::remove_file(&bars)?;
    println!("({status}; bars.txt holds {written} bytes)");
    Ok(())
}
