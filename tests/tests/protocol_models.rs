//! Every file of the official protocol compliance tests and trait definitions
//! (`../shared/smithy/protocol-tests`, `../shared/smithy/traits`) loads together into one model,
//! and every service in it goes through the normal pipeline: generated, or refused with a clear
//! error (never a panic).

use codegen::model::{load_ast, Model, ShapeKind, Source};
use codegen::select::Operations;
use std::path::{Path, PathBuf};

fn smithy_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            smithy_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "smithy" || e == "json") {
            out.push(path);
        }
    }
}

/// The protocol-test and trait files, or `None` where `../shared` is absent.
fn files() -> Option<Vec<PathBuf>> {
    let mut files = Vec::new();
    smithy_files(&tests::shared_dir("smithy/protocol-tests")?, &mut files);
    smithy_files(&tests::shared_dir("smithy/traits")?, &mut files);
    files.sort();
    Some(files)
}

#[test]
#[cfg_attr(not(shared), ignore = "needs ../shared/smithy")]
fn protocol_tests_and_traits_load_together() {
    let files = files().expect("../shared/smithy");
    let sources: Vec<Source> = files
        .iter()
        .map(|p| Source { name: p.display().to_string(), text: std::fs::read_to_string(p).unwrap() })
        .collect();
    let (ast, _) = load_ast(&sources).unwrap_or_else(|e| panic!("{e}"));
    let model = Model::from_ast(&ast).unwrap_or_else(|e| panic!("{e}"));
    let services: Vec<_> = model.services().map(|s| s.id.to_string()).collect();
    for expected in [
        "aws.protocoltests.json10#JsonRpc10",
        "aws.protocoltests.json10#QueryCompatibleJsonRpc10",
        "aws.protocoltests.json#JsonProtocol",
        "com.amazonaws.machinelearning#AmazonML_20141212",
        "aws.protocoltests.restjson#RestJson",
        "com.amazonaws.glacier#Glacier",
        "com.amazonaws.apigateway#BackplaneControlService",
        "aws.protocoltests.restxml#RestXml",
        "aws.protocoltests.query#AwsQuery",
        "aws.protocoltests.ec2#AwsEc2",
    ] {
        assert!(services.iter().any(|s| s == expected), "{expected} missing from {services:?}");
    }
    let operations = model.shapes().filter(|s| matches!(s.kind, ShapeKind::Operation(_))).count();
    assert!(operations > 250, "{operations} operations");
}

#[test]
#[cfg_attr(not(shared), ignore = "needs ../shared/smithy")]
fn every_protocol_test_service_generates_or_is_refused_clearly() {
    let files = files().expect("../shared/smithy");
    let (model, _) = codegen::model::load_files(&files).unwrap_or_else(|e| panic!("{e}"));
    let mut generated = Vec::new();
    let mut refused = Vec::new();
    for service in model.services() {
        let manifest = codegen::manifest::Manifest {
            crate_name: "protocol-tests".into(),
            version: "0.0.0".into(),
            services: vec![codegen::manifest::ServiceEntry {
                models: files.clone(),
                service: Some(service.id.to_string()),
                operations: Operations::All,
                module: None,
            }],
            out: std::path::PathBuf::from("generated"),
        };
        match std::panic::catch_unwind(|| codegen::generate(&manifest)) {
            Ok(Ok(_)) => generated.push(service.id.to_string()),
            Ok(Err(e)) => {
                let message = e.to_string();
                // One line naming the file, the place in it, and the shape.
                assert!(message.contains(".smithy:") && message.contains('#') && !message.contains('\n'), "{message}");
                refused.push(format!("{}: {message}", service.id));
            }
            Err(_) => panic!("generating {} panicked", service.id),
        }
    }
    println!("generated: {generated:?}\nrefused:\n  {}", refused.join("\n  "));
    assert!(!generated.is_empty());
}
