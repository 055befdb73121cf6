//! `aws-lite-codegen`: see [`aws_lite_codegen::cli`].

fn main() -> std::process::ExitCode {
    aws_lite_codegen::cli::main()
}
