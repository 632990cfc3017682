//! One name for "some compression codec is compiled in": `cfg(any_codec)`, set when any
//! of the `compression-br`, `compression-zstd` and `compression-gzip` features is on, so
//! the code that exists for every codec says so once instead of listing the three.

fn main() {
    println!("cargo::rustc-check-cfg=cfg(any_codec)");
    let codecs = ["BR", "ZSTD", "GZIP"];
    if codecs
        .iter()
        .any(|codec| std::env::var_os(format!("CARGO_FEATURE_COMPRESSION_{codec}")).is_some())
    {
        println!("cargo::rustc-cfg=any_codec");
    }
}
