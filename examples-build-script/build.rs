//! Generates the Athena client of `codegen.toml` into OUT_DIR, as the module `crate::aws`
//! (`src/main.rs` includes it), with the blocking transport.

fn main() {
    let tree = aws_lite_codegen::ModuleTree { module: vec!["aws".into()], transports: vec!["blocking".into()] };
    if let Err(e) = aws_lite_codegen::build_script::generate("codegen.toml", &tree) {
        panic!("generating the AWS clients: {e}");
    }
}
