//! Behaviour some services need that their models do not describe, decided here by service
//! shape id, in one place. AWS SDKs implement the same customizations; the official protocol
//! compliance tests check them (GlacierVersionHeader, GlacierAccountId, GlacierChecksums,
//! ApiGatewayAccept, MachinelearningPredictEndpoint).

use super::ir::{Customization, OperationPlan, RustType, Scalar};
use crate::model::ShapeId;

/// The customization of a service, if it has one.
pub fn for_service(service: &ShapeId, version: &str, operations: &[OperationPlan]) -> Option<Customization> {
    match service.as_str() {
        "com.amazonaws.glacier#Glacier" => Some(Customization::Glacier {
            version: version.to_string(),
            account_id_fields: string_fields(operations, "accountId"),
        }),
        "com.amazonaws.apigateway#BackplaneControlService" => Some(Customization::ApiGateway),
        "com.amazonaws.machinelearning#AmazonML_20141212" => Some(Customization::MachineLearning {
            predict_endpoint: string_fields(operations, "PredictEndpoint").into_iter().next(),
        }),
        _ => None,
    }
}

/// Headers every request of the service carries: (lower-case name, value).
pub fn request_headers(customization: Option<&Customization>) -> Vec<(String, String)> {
    match customization {
        Some(Customization::Glacier { version, .. }) => vec![("x-amz-glacier-version".to_string(), version.clone())],
        Some(Customization::ApiGateway) => vec![("accept".to_string(), "application/json".to_string())],
        Some(Customization::MachineLearning { .. }) | None => vec![],
    }
}

/// Per operation whose input has a string member called `member`: the operation module and the
/// member's field.
fn string_fields(operations: &[OperationPlan], member: &str) -> Vec<(String, String)> {
    operations
        .iter()
        .filter_map(|op| {
            let field = op.input.fields.iter().find(|f| f.smithy_name == member && f.ty == RustType::Scalar(Scalar::String))?;
            Some((op.module.clone(), field.names.field.clone()))
        })
        .collect()
}
