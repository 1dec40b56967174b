fn main() {
    for count in [10, 9, 0] {
        let lines: Vec<String> = (1..=count).map(|n| format!("line {n}")).collect();
        let lens: Vec<usize> = lines
            .chunks(lines.len().div_ceil(4))
            .map(<[String]>::len)
            .collect();
        println!("{count} lines: {} chunks of {lens:?} lines", lens.len());
    }
}
