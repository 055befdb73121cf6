//! A program with its AWS client generated at build time: it builds an Athena `GetSession`
//! request and prints it (sans-IO: nothing is sent). `client.get_session()...send_blocking()`
//! sends it, signed, with the blocking transport compiled in.

pub mod aws {
    include!(concat!(env!("OUT_DIR"), "/aws.rs"));
}

use aws::athena::operation::get_session::{serialize_request, GetSessionInput};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let config = aws::config::Config::builder().region("eu-west-1").build();
    let endpoint = aws::athena::endpoint::resolve_endpoint(&config)?;
    let input = GetSessionInput::builder().session_id("s-123").build();
    let request = serialize_request(&input, &endpoint)?;
    println!("{} {}", request.method(), request.uri());
    println!("{}", String::from_utf8_lossy(request.body()));
    // The call itself, as an application would make it:
    let _call = aws::athena::Client::new(&config).get_session().session_id("s-123");
    Ok(())
}
