//! Behaviour some services need that their models do not describe, decided here by service
//! shape id, in one place. AWS SDKs implement the same customizations; the official protocol
//! compliance tests check them (GlacierVersionHeader, GlacierAccountId, GlacierChecksums,
//! ApiGatewayAccept, MachinelearningPredictEndpoint).

use super::Customization;
use crate::model::ShapeId;

/// The customization of a service, if it has one.
pub fn for_service(service: &ShapeId, version: &str) -> Option<Customization> {
    match service.as_str() {
        "com.amazonaws.glacier#Glacier" => Some(Customization::Glacier { version: version.to_string() }),
        "com.amazonaws.apigateway#BackplaneControlService" => Some(Customization::ApiGateway),
        "com.amazonaws.machinelearning#AmazonML_20141212" => Some(Customization::MachineLearning),
        _ => None,
    }
}
