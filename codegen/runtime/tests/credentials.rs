//! Credentials, region, max attempts and the request compression settings from the environment
//! and the shared files. Every test
//! gets its own home directory under the target directory and an injected environment, so the
//! real `~/.aws` is never read.

use runtime::config::Config;
use runtime::credentials::{
    max_attempts_from_env, profile_file_path, profile_name, region_from_env, Credentials, CredentialsError,
    DefaultCredentialsChain, Env, EnvironmentCredentials, FileKind, ProfileCredentials, ProfileFileErrorKind, ProfileSet,
    ProvideCredentials, SettingError, MAX_PROFILE_FILE_SIZE, UNSUPPORTED_PROFILE_KEYS,
};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, UNIX_EPOCH};

/// A fresh home directory for one test, with an empty `.aws` folder.
fn home(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("credentials-tests")
        .join(test);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join(".aws")).unwrap();
    dir
}

fn write(home: &Path, relative: &str, text: &str) -> PathBuf {
    let path = home.join(relative);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

/// `HOME` set to `home`, plus `vars`.
fn env(home: &Path, vars: &[(&str, &str)]) -> Env {
    let home = home.to_str().unwrap();
    let mut pairs = vec![("HOME", home)];
    pairs.extend_from_slice(vars);
    Env::from_pairs(&pairs)
}

fn chain(env: Env) -> Result<Credentials, CredentialsError> {
    DefaultCredentialsChain::new(env).provide_credentials()
}

fn keys(credentials: &Credentials) -> (&str, &str, Option<&str>) {
    (
        credentials.access_key_id(),
        credentials.secret_access_key(),
        credentials.session_token(),
    )
}

// ---------------------------------------------------------------------------------------------
// Environment

#[test]
fn environment_credentials() {
    let home = home("environment_credentials");
    let source = |vars: &[(&str, &str)]| EnvironmentCredentials::new(env(&home, vars)).provide_credentials();

    let c = source(&[("AWS_ACCESS_KEY_ID", "AKID"), ("AWS_SECRET_ACCESS_KEY", "SECRET")]).unwrap();
    assert_eq!(keys(&c), ("AKID", "SECRET", None));

    let c = source(&[
        ("AWS_ACCESS_KEY_ID", " AKID "),
        ("AWS_SECRET_ACCESS_KEY", "SECRET\n"),
        ("AWS_SESSION_TOKEN", " T "),
    ])
    .unwrap();
    assert_eq!(keys(&c), ("AKID", "SECRET", Some("T")), "values are trimmed");

    let c = source(&[("AWS_ACCESS_KEY_ID", "AKID"), ("SECRET_ACCESS_KEY", "LEGACY")]).unwrap();
    assert_eq!(keys(&c), ("AKID", "LEGACY", None), "legacy SECRET_ACCESS_KEY");

    let c = source(&[
        ("AWS_ACCESS_KEY_ID", "AKID"),
        ("AWS_SECRET_ACCESS_KEY", "NEW"),
        ("SECRET_ACCESS_KEY", "LEGACY"),
    ])
    .unwrap();
    assert_eq!(c.secret_access_key(), "NEW");

    let c = source(&[
        ("AWS_ACCESS_KEY_ID", "AKID"),
        ("AWS_SECRET_ACCESS_KEY", "S"),
        ("AWS_SESSION_TOKEN", "  "),
    ])
    .unwrap();
    assert_eq!(c.session_token(), None, "a blank token is no token");

    for vars in [
        &[][..],
        &[("AWS_ACCESS_KEY_ID", "AKID")][..],
        &[("AWS_SECRET_ACCESS_KEY", "SECRET")][..],
        &[("AWS_ACCESS_KEY_ID", ""), ("AWS_SECRET_ACCESS_KEY", "SECRET")][..],
        &[("AWS_ACCESS_KEY_ID", "AKID"), ("AWS_SECRET_ACCESS_KEY", " \t ")][..],
    ] {
        let err = source(vars).unwrap_err();
        assert!(err.is_not_loaded(), "{vars:?}: {err}");
    }
    let err = source(&[("AWS_ACCESS_KEY_ID", "AKID")]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "credentials not loaded: environment variable AWS_SECRET_ACCESS_KEY is not set"
    );
}

#[test]
fn static_credentials_are_handed_out_without_copying_them() {
    // A provider is asked once per attempt: the clone shares the text rather than copying it.
    let credentials = Credentials::new("AKID", "SECRET", Some("TOKEN".to_owned()));
    let provided = credentials.provide_credentials().unwrap();
    assert_eq!(provided, credentials);
    assert!(std::ptr::eq(provided.access_key_id(), credentials.access_key_id()));
    assert!(std::ptr::eq(provided.secret_access_key(), credentials.secret_access_key()));
    assert!(std::ptr::eq(provided.session_token().unwrap(), credentials.session_token().unwrap()));
}

#[test]
fn real_environment_is_readable() {
    let real = Env::real();
    assert_eq!(real.get("PATH"), std::env::var("PATH").ok());
    assert_eq!(format!("{real:?}"), "Env::real()");
}

// ---------------------------------------------------------------------------------------------
// Profiles

#[test]
fn default_profile_from_the_credentials_file() {
    let home = home("default_profile_from_the_credentials_file");
    write(
        &home,
        ".aws/credentials",
        "[default]\naws_access_key_id = AKID\naws_secret_access_key = SECRET\n",
    );
    let c = ProfileCredentials::new(env(&home, &[])).provide_credentials().unwrap();
    assert_eq!(keys(&c), ("AKID", "SECRET", None));
    assert_eq!(keys(&chain(env(&home, &[])).unwrap()), ("AKID", "SECRET", None));
}

#[test]
fn named_profile_from_the_config_file() {
    let home = home("named_profile_from_the_config_file");
    write(
        &home,
        ".aws/config",
        "[default]\nregion = us-west-2\n\n[profile dev]\naws_access_key_id=DEVKEY\naws_secret_access_key=DEVSECRET\n\
         aws_session_token = DEVTOKEN\nregion = eu-west-1\n",
    );
    let env = env(&home, &[("AWS_PROFILE", "dev")]);
    assert_eq!(profile_name(&env), "dev");
    assert_eq!(
        keys(&chain(env.clone()).unwrap()),
        ("DEVKEY", "DEVSECRET", Some("DEVTOKEN"))
    );
    assert_eq!(region_from_env(&env).unwrap(), "eu-west-1");
    // `with_profile` picks another profile than AWS_PROFILE.
    let err = ProfileCredentials::new(env)
        .with_profile("default")
        .provide_credentials()
        .unwrap_err();
    assert_eq!(
        err,
        CredentialsError::NotLoaded("profile `default` has no credentials".into())
    );
}

#[test]
fn environment_wins_over_profiles() {
    let home = home("environment_wins_over_profiles");
    write(
        &home,
        ".aws/credentials",
        "[default]\naws_access_key_id = FILE\naws_secret_access_key = FILESECRET\n",
    );
    let env = env(
        &home,
        &[("AWS_ACCESS_KEY_ID", "ENV"), ("AWS_SECRET_ACCESS_KEY", "ENVSECRET")],
    );
    assert_eq!(keys(&chain(env).unwrap()), ("ENV", "ENVSECRET", None));
}

#[test]
fn environment_wins_even_over_a_broken_profile() {
    let home = home("environment_wins_even_over_a_broken_profile");
    write(
        &home,
        ".aws/config",
        "[default]\nrole_arn = arn:aws:iam::123456789012:role/x\nnot a property\n",
    );
    let env = env(
        &home,
        &[("AWS_ACCESS_KEY_ID", "ENV"), ("AWS_SECRET_ACCESS_KEY", "ENVSECRET")],
    );
    assert_eq!(keys(&chain(env).unwrap()), ("ENV", "ENVSECRET", None));
}

#[test]
fn credentials_file_wins_over_config_for_the_same_key() {
    let home = home("credentials_file_wins_over_config_for_the_same_key");
    write(
        &home,
        ".aws/config",
        "[profile dev]\naws_access_key_id = CONFIGKEY\naws_secret_access_key = CONFIGSECRET\nregion = eu-north-1\n",
    );
    write(&home, ".aws/credentials", "[dev]\naws_access_key_id = CREDKEY\n");
    let env = env(&home, &[("AWS_PROFILE", "dev")]);
    // The profile is the union of both files; the credentials file wins for its keys.
    assert_eq!(keys(&chain(env.clone()).unwrap()), ("CREDKEY", "CONFIGSECRET", None));
    assert_eq!(region_from_env(&env).unwrap(), "eu-north-1");
}

#[test]
fn profile_default_hides_default_in_the_config_file_only() {
    let home = home("profile_default_hides_default_in_the_config_file_only");
    write(
        &home,
        ".aws/config",
        "[default]\nregion = us-west-1\naws_access_key_id = IGNORED\n\n[profile default]\nregion = us-east-2\n\
         [default]\nmax_attempts = 9\n",
    );
    write(
        &home,
        ".aws/credentials",
        "[default]\naws_access_key_id = CRED\naws_secret_access_key = CREDSECRET\n",
    );
    let env = env(&home, &[]);
    assert_eq!(region_from_env(&env).unwrap(), "us-east-2");
    assert_eq!(
        max_attempts_from_env(&env).unwrap(),
        None,
        "every [default] of the config file is ignored"
    );
    assert_eq!(keys(&chain(env).unwrap()), ("CRED", "CREDSECRET", None));

    // Without `[profile default]`, `[default]` of the config file counts.
    let home = self::home("profile_default_hides_default_in_the_config_file_only_2");
    write(&home, ".aws/config", "[default]\nregion = us-west-1\n");
    assert_eq!(region_from_env(&self::env(&home, &[])).unwrap(), "us-west-1");
}

#[test]
fn section_forms_per_file() {
    let mut set = ProfileSet::new();
    set.add_file(
        FileKind::Config,
        "config",
        "[plain]\na = 1\n[profile ok]\nb = 2\n[sso-session s]\nsso_region = x\n[services s]\nc = 3\n\
         [profile bad name]\nd = 4\n[profile\tTabbed]\ne = 5\n[ profile  spaced ]\nf = 6\n",
    )
    .unwrap();
    set.add_file(
        FileKind::Credentials,
        "credentials",
        "[profile ignored]\ng = 7\n[cred]\nh = 8\n[profile default]\ni = 9\n",
    )
    .unwrap();
    assert_eq!(set.names().collect::<Vec<_>>(), ["Tabbed", "cred", "ok", "spaced"]);
    assert_eq!(set.get("ok").unwrap().get("b"), Some("2"));
    assert_eq!(set.get("cred").unwrap().get("h"), Some("8"));
    assert!(set.get("Ok").is_none(), "profile names are case-sensitive");
}

#[test]
fn missing_profile_moves_on() {
    let home = home("missing_profile_moves_on");
    let config = write(&home, ".aws/config", "[profile dev]\nregion = us-east-1\n");
    let env = env(&home, &[("AWS_PROFILE", "Dev")]);
    let err = ProfileCredentials::new(env.clone()).provide_credentials().unwrap_err();
    assert!(err.is_not_loaded(), "{err}");
    assert!(err.to_string().contains("profile `Dev` is not defined in"), "{err}");
    assert!(err.to_string().contains(config.to_str().unwrap()), "{err}");
    let err = chain(env.clone()).unwrap_err();
    let CredentialsError::NoCredentials(reasons) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(reasons.len(), 2);
    assert!(err
        .to_string()
        .starts_with("no credentials found (environment variable AWS_ACCESS_KEY_ID is not set; profile `Dev`"));
    assert_eq!(
        region_from_env(&env),
        Err(SettingError::NoRegion { profile: "Dev".into() })
    );
}

#[test]
fn missing_files_are_empty() {
    let home = home("missing_files_are_empty");
    let env = env(&home, &[]);
    let err = chain(env.clone()).unwrap_err();
    assert!(matches!(err, CredentialsError::NoCredentials(_)), "{err:?}");
    assert_eq!(
        region_from_env(&env).unwrap_err().to_string(),
        "no region: set AWS_REGION, or `region` in profile `default` of the shared config file"
    );
    assert_eq!(max_attempts_from_env(&env), Ok(None));
    let env = self::env(
        &home,
        &[
            ("AWS_CONFIG_FILE", "/nonexistent/config"),
            ("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/c"),
        ],
    );
    assert!(ProfileSet::load(&env).unwrap().names().next().is_none());
}

#[test]
fn profile_without_credentials_moves_on() {
    let home = home("profile_without_credentials_moves_on");
    write(
        &home,
        ".aws/config",
        "[default]\nregion = us-east-1\naws_access_key_id =\naws_secret_access_key =\n",
    );
    let err = ProfileCredentials::new(env(&home, &[]))
        .provide_credentials()
        .unwrap_err();
    assert_eq!(
        err,
        CredentialsError::NotLoaded("profile `default` has no credentials".into())
    );
}

#[test]
fn unsupported_kinds_are_errors_naming_profile_and_key() {
    let home = home("unsupported_kinds_are_errors_naming_profile_and_key");
    for key in UNSUPPORTED_PROFILE_KEYS {
        write(
            &home,
            ".aws/config",
            &format!(
                "[profile work]\n{key} = something\naws_access_key_id = AKID\naws_secret_access_key = SECRET\n\
                 [profile other]\naws_access_key_id = A\naws_secret_access_key = S\n"
            ),
        );
        let env = env(&home, &[("AWS_PROFILE", "work")]);
        let err = chain(env).unwrap_err();
        assert_eq!(
            err,
            CredentialsError::UnsupportedProfile {
                profile: "work".into(),
                key: key.into()
            }
        );
        let message = err.to_string();
        assert!(
            message.contains("profile `work`") && message.contains(&format!("`{key}`")),
            "{message}"
        );
        // Another profile with the same files is fine.
        let env = self::env(&home, &[("AWS_PROFILE", "other")]);
        assert_eq!(keys(&chain(env).unwrap()), ("A", "S", None));
    }
    // Also when the key comes from the credentials file, and whatever its case.
    write(&home, ".aws/config", "");
    write(
        &home,
        ".aws/credentials",
        "[default]\nCredential_Process = /bin/creds\n",
    );
    let err = chain(env(&home, &[])).unwrap_err();
    assert_eq!(
        err,
        CredentialsError::UnsupportedProfile {
            profile: "default".into(),
            key: "credential_process".into()
        }
    );
}

#[test]
fn one_static_key_without_the_other_is_an_error() {
    let home = home("one_static_key_without_the_other_is_an_error");
    for (text, missing) in [
        ("[default]\naws_access_key_id = AKID\n", "aws_secret_access_key"),
        ("[default]\naws_secret_access_key = SECRET\n", "aws_access_key_id"),
        ("[default]\naws_session_token = TOKEN\n", "aws_access_key_id"),
    ] {
        write(&home, ".aws/credentials", text);
        let err = chain(env(&home, &[])).unwrap_err();
        assert_eq!(
            err,
            CredentialsError::IncompleteProfile {
                profile: "default".into(),
                missing
            }
        );
        assert!(!err.to_string().contains("SECRET") && !err.to_string().contains("TOKEN"));
    }
}

// ---------------------------------------------------------------------------------------------
// File syntax

fn parse(kind: FileKind, text: &str) -> Result<ProfileSet, runtime::credentials::ProfileFileError> {
    let mut set = ProfileSet::new();
    set.add_file(kind, "test-file", text)?;
    Ok(set)
}

fn value(set: &ProfileSet, profile: &str, key: &str) -> Option<String> {
    set.get(profile)?.get(key).map(str::to_owned)
}

#[test]
fn parse_errors_name_file_and_line() {
    let cases = [
        ("aws_access_key_id = x\n", 1, "a property before any section header"),
        (
            "# comment\n\n[default\nregion = x\n",
            3,
            "a section header must end with `]`",
        ),
        ("[default] trailing\n", 1, "a section header must end with `]`"),
        ("[default]\nregion\n", 2, "a property needs `=` between key and value"),
        (
            "[default]\n = value\n",
            2,
            "a continuation line before any property of the section",
        ),
        ("[default]\n= value\n", 2, "a property needs a key before `=`"),
        (
            "  indented = before any section\n",
            1,
            "a continuation line before any section header",
        ),
        (
            "[default]\nregion = x\n[other]\n  continued\n",
            4,
            "a continuation line before any property of the section",
        ),
        (
            "[default]\ns3 =\n  addressing_style = path\n  no_equals\n",
            4,
            "a sub-property needs `=` between key and value",
        ),
        (
            "[default]\ns3 =\n  = path\n",
            3,
            "a sub-property needs a key before `=`",
        ),
        (
            "[default]\r\nregion = x\r\nbroken\r\n",
            3,
            "a property needs `=` between key and value",
        ),
    ];
    for (text, line, message) in cases {
        let err = parse(FileKind::Config, text).unwrap_err();
        assert_eq!(
            (err.file(), err.line(), err.message()),
            ("test-file", Some(line), message),
            "{text:?}"
        );
        assert_eq!(err.to_string(), format!("test-file, line {line}: {message}"));
        assert_eq!(err.kind(), ProfileFileErrorKind::Syntax);
    }
}

#[test]
fn parse_error_in_a_file_stops_the_chain_with_its_path() {
    let home = home("parse_error_in_a_file_stops_the_chain_with_its_path");
    let path = write(
        &home,
        ".aws/credentials",
        "[default]\naws_access_key_id = A\naws_secret_access_key = S\nbroken\n",
    );
    let err = chain(env(&home, &[])).unwrap_err();
    let CredentialsError::ProfileFile(file_error) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(file_error.file(), path.to_str().unwrap());
    assert_eq!(file_error.line(), Some(4));
    assert!(
        err.to_string().starts_with(&format!("{}, line 4: ", path.display())),
        "{err}"
    );
    assert!(matches!(
        region_from_env(&env(&home, &[])),
        Err(SettingError::ProfileFile(_))
    ));
}

#[test]
fn unreadable_files_are_errors() {
    let home = home("unreadable_files_are_errors");
    // A directory where the file should be.
    std::fs::create_dir_all(home.join(".aws/config")).unwrap();
    let err = ProfileSet::load(&env(&home, &[])).unwrap_err();
    assert_eq!(err.line(), None);
    assert_eq!(err.kind(), ProfileFileErrorKind::Unreadable);
    assert!(err.message().starts_with("cannot read the file"), "{err}");
    std::fs::remove_dir(home.join(".aws/config")).unwrap();
    std::fs::write(home.join(".aws/config"), b"[default]\nregion = \xff\n").unwrap();
    let err = ProfileSet::load(&env(&home, &[])).unwrap_err();
    assert_eq!(err.message(), "the file is not UTF-8");
    assert_eq!(err.kind(), ProfileFileErrorKind::NotUtf8);
}

/// Pads `text` with comment lines to exactly `size` bytes.
fn padded(text: &str, size: usize) -> String {
    let mut out = text.to_owned();
    while out.len() < size {
        let line = "#".repeat((size - out.len()).min(100) - 1);
        out.push_str(&line);
        out.push('\n');
    }
    assert_eq!(out.len(), size);
    out
}

#[test]
fn files_over_the_size_limit_are_refused_unread() {
    let home = home("files_over_the_size_limit_are_refused_unread");
    let keys_text = "[default]\naws_access_key_id = AKID\naws_secret_access_key = SECRET\n";
    let limit = MAX_PROFILE_FILE_SIZE as usize;
    assert_eq!(limit, 1024 * 1024);
    let path = write(&home, ".aws/credentials", &padded(keys_text, limit));
    assert_eq!(keys(&chain(env(&home, &[])).unwrap()), ("AKID", "SECRET", None), "the limit itself is fine");

    write(&home, ".aws/credentials", &padded(keys_text, limit + 1));
    let err = chain(env(&home, &[])).unwrap_err();
    let CredentialsError::ProfileFile(file_error) = &err else { panic!("{err:?}") };
    assert_eq!(file_error.kind(), ProfileFileErrorKind::TooLarge);
    assert_eq!(file_error.file(), path.to_str().unwrap());
    assert_eq!(
        file_error.message(),
        "the file has 1048577 bytes, over the limit of 1048576 bytes (1 MiB) for a shared config or credentials file"
    );

    // 100 MiB, sparse: refused from its size, without reading it; also for the region.
    std::fs::File::create(home.join(".aws/config")).unwrap().set_len(100 << 20).unwrap();
    let err = ProfileSet::load(&env(&home, &[])).unwrap_err();
    assert_eq!((err.kind(), err.file()), (ProfileFileErrorKind::TooLarge, home.join(".aws/config").to_str().unwrap()));
    assert!(matches!(region_from_env(&env(&home, &[])), Err(SettingError::ProfileFile(e)) if e.kind() == ProfileFileErrorKind::TooLarge));
}

#[cfg(unix)]
#[test]
fn an_endless_file_is_refused_after_the_limit() {
    // A device reports no size; the read stops one byte past the limit.
    let home = home("an_endless_file_is_refused_after_the_limit");
    let env = env(&home, &[("AWS_SHARED_CREDENTIALS_FILE", "/dev/zero")]);
    let err = ProfileCredentials::new(env).provide_credentials().unwrap_err();
    let CredentialsError::ProfileFile(file_error) = &err else { panic!("{err:?}") };
    assert_eq!((file_error.kind(), file_error.file()), (ProfileFileErrorKind::TooLarge, "/dev/zero"));
    assert_eq!(
        file_error.message(),
        "the file is over the limit of 1048576 bytes (1 MiB) for a shared config or credentials file"
    );
}

/// Rewrites `path` with `text`, then gives it back the modification time it had.
fn rewrite_keeping_mtime(path: &Path, text: &str) {
    let modified = std::fs::metadata(path).unwrap().modified().unwrap();
    std::fs::write(path, text).unwrap();
    std::fs::File::options().write(true).open(path).unwrap().set_modified(modified).unwrap();
    assert_eq!(std::fs::metadata(path).unwrap().modified().unwrap(), modified);
}

#[test]
fn the_chain_reads_the_files_once_and_sees_edits() {
    let home = home("the_chain_reads_the_files_once_and_sees_edits");
    let path = write(
        &home,
        ".aws/credentials",
        "[default]\naws_access_key_id = AKID1\naws_secret_access_key = SECRET1\n",
    );
    write(&home, ".aws/config", "[default]\nregion = us-east-1\n");
    let env = env(&home, &[]);
    let provider = DefaultCredentialsChain::new(env.clone());
    let config = Config::builder().credentials_provider(provider.clone()).build();
    assert_eq!(keys(&provider.provide_credentials().unwrap()), ("AKID1", "SECRET1", None));

    // Same size, same modification time: not read again, by the provider, its clones, or clones
    // of a Config holding one; a provider that reread the file would see AKID2.
    rewrite_keeping_mtime(&path, "[default]\naws_access_key_id = AKID2\naws_secret_access_key = SECRET2\n");
    assert_eq!(keys(&chain(env.clone()).unwrap()), ("AKID2", "SECRET2", None), "a new provider reads the file");
    for _ in 0..100 {
        assert_eq!(provider.provide_credentials().unwrap().access_key_id(), "AKID1");
    }
    assert_eq!(provider.clone().provide_credentials().unwrap().access_key_id(), "AKID1");
    let profile = ProfileCredentials::new(env.clone());
    assert_eq!(profile.provide_credentials().unwrap().access_key_id(), "AKID2");
    rewrite_keeping_mtime(&path, "[default]\naws_access_key_id = AKID3\naws_secret_access_key = SECRET3\n");
    let other = profile.clone().with_profile("default");
    assert_eq!(other.provide_credentials().unwrap().access_key_id(), "AKID2", "with_profile shares what was read");
    assert_eq!(config.clone().credentials_provider().provide_credentials().unwrap().access_key_id(), "AKID1");

    // A change of size is seen, also one that keeps the modification time.
    rewrite_keeping_mtime(&path, "[default]\naws_access_key_id = AKID33\naws_secret_access_key = SECRET33\n");
    assert_eq!(keys(&provider.provide_credentials().unwrap()), ("AKID33", "SECRET33", None));
    assert_eq!(config.credentials_provider().provide_credentials().unwrap().access_key_id(), "AKID33");
    // So is a change of modification time alone.
    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
    std::fs::write(&path, "[default]\naws_access_key_id = AKID44\naws_secret_access_key = SECRET44\n").unwrap();
    std::fs::File::options().write(true).open(&path).unwrap().set_modified(modified + Duration::from_secs(1)).unwrap();
    assert_eq!(provider.provide_credentials().unwrap().access_key_id(), "AKID44");

    // A change of the other file is seen too, and so are files that disappear and come back.
    write(&home, ".aws/config", "[default]\nrole_arn = arn:aws:iam::123456789012:role/r\n");
    assert!(matches!(provider.provide_credentials(), Err(CredentialsError::UnsupportedProfile { .. })));
    std::fs::remove_file(home.join(".aws/config")).unwrap();
    std::fs::remove_file(&path).unwrap();
    assert!(matches!(provider.provide_credentials(), Err(CredentialsError::NoCredentials(_))));
    write(&home, ".aws/credentials", "[default]\naws_access_key_id = AKID5\naws_secret_access_key = SECRET5\n");
    assert_eq!(provider.provide_credentials().unwrap().access_key_id(), "AKID5");

    // A parse error is kept like a result, and goes when the file is fixed.
    write(&home, ".aws/credentials", "[default]\nbroken\n");
    for _ in 0..2 {
        assert!(matches!(provider.provide_credentials(), Err(CredentialsError::ProfileFile(_))));
    }
    write(&home, ".aws/credentials", "[default]\naws_access_key_id = AKID6\naws_secret_access_key = SECRET6\n");
    assert_eq!(provider.provide_credentials().unwrap().access_key_id(), "AKID6");
}

#[test]
fn multi_line_credentials_are_refused_naming_file_profile_and_key() {
    let home = home("multi_line_credentials_are_refused_naming_file_profile_and_key");
    for continued in ["    # comment", "  more", "\t# comment"] {
        let path = write(
            &home,
            ".aws/credentials",
            &format!("[default]\naws_access_key_id = AKID\naws_secret_access_key = SECRET\n{continued}\n"),
        );
        let err = chain(env(&home, &[])).unwrap_err();
        assert_eq!(
            err,
            CredentialsError::MultiLineValue {
                file: path.to_str().unwrap().to_owned(),
                line: 3,
                profile: "default".into(),
                key: "aws_secret_access_key"
            },
            "{continued:?}"
        );
        let message = err.to_string();
        assert_eq!(
            message,
            format!(
                "{}, line 3: `aws_secret_access_key` of profile `default` continues on the indented line after it; \
                 a credentials value must fit on one line (remove the indentation, and start comments in the first \
                 column)",
                path.display()
            )
        );
        assert!(!message.contains("SECRET") && !message.contains(continued.trim()), "{message}");
    }

    // The key id and the token too, in either file, also as a block of sub-properties.
    write(&home, ".aws/credentials", "");
    for (text, line, key) in [
        ("[profile p]\naws_access_key_id = AKID\n  # c\naws_secret_access_key = S\n", 2, "aws_access_key_id"),
        ("[profile p]\naws_access_key_id = A\naws_secret_access_key = S\naws_session_token =\n  k = v\n", 4, "aws_session_token"),
    ] {
        let path = write(&home, ".aws/config", text);
        let err = chain(env(&home, &[("AWS_PROFILE", "p")])).unwrap_err();
        assert_eq!(
            err,
            CredentialsError::MultiLineValue { file: path.to_str().unwrap().to_owned(), line, profile: "p".into(), key }
        );
    }

    // Other properties may continue, and other profiles do not matter.
    write(
        &home,
        ".aws/config",
        "[profile p]\naws_access_key_id = A\naws_secret_access_key = S\ns3 =\n  addressing_style = path\nnote = a\n  b\n\
         [profile broken]\naws_secret_access_key = S\n  # c\n",
    );
    assert_eq!(keys(&chain(env(&home, &[("AWS_PROFILE", "p")])).unwrap()), ("A", "S", None));
    // A credentials-file value wins over a multi-line one in the config file.
    write(&home, ".aws/credentials", "[broken]\naws_access_key_id = A\naws_secret_access_key = S2\n");
    assert_eq!(keys(&chain(env(&home, &[("AWS_PROFILE", "broken")])).unwrap()), ("A", "S2", None));
}

#[test]
fn comments() {
    let set = parse(
        FileKind::Config,
        "# a comment\n; another\n[default] # header comment\na = value # comment\nb = value;kept\nc = value#kept\n\
         d = value\t; comment\ne = # only a comment\nf = x # one # two\n[profile p];comment\ng = 1\n",
    )
    .unwrap();
    let v = |k| value(&set, "default", k);
    assert_eq!(v("a").as_deref(), Some("value"));
    assert_eq!(v("b").as_deref(), Some("value;kept"));
    assert_eq!(v("c").as_deref(), Some("value#kept"));
    assert_eq!(v("d").as_deref(), Some("value"));
    assert_eq!(v("e").as_deref(), Some(""));
    assert_eq!(v("f").as_deref(), Some("x"));
    assert_eq!(value(&set, "p", "g").as_deref(), Some("1"));
}

#[test]
fn continuation_lines_and_sub_properties() {
    let set = parse(
        FileKind::Config,
        "[default]\nlong = first\n  second # kept\n\tthird\nafter = x\ns3 =\n  addressing_style = path\n\n  \
         max_concurrent_requests = 10\nempty =\nother = y\n",
    )
    .unwrap();
    let v = |k| value(&set, "default", k);
    assert_eq!(v("long").as_deref(), Some("first\nsecond # kept\nthird"));
    assert_eq!(v("after").as_deref(), Some("x"));
    assert_eq!(
        v("s3").as_deref(),
        Some("\naddressing_style = path\nmax_concurrent_requests = 10")
    );
    assert_eq!(v("empty").as_deref(), Some(""));
    assert_eq!(v("other").as_deref(), Some("y"));
}

#[test]
fn keys_values_names_and_merging() {
    let set = parse(
        FileKind::Credentials,
        "[dev]\nAWS_Access_Key_ID = first\nRegion=  us-east-1  \nquoted = \"kept\"\nbad key = ignored\nurl = a=b=c\n\
         [other]\nx = 1\n[dev]\naws_access_key_id = last\nextra = merged\n[bad name]\ny = 2\n[]\nz = 3\n",
    )
    .unwrap();
    let v = |k| value(&set, "dev", k);
    assert_eq!(
        v("aws_access_key_id").as_deref(),
        Some("last"),
        "keys lower-cased; last wins"
    );
    assert_eq!(
        v("AWS_ACCESS_KEY_ID").as_deref(),
        Some("last"),
        "lookups are case-insensitive"
    );
    assert_eq!(v("region").as_deref(), Some("us-east-1"));
    assert_eq!(v("quoted").as_deref(), Some("\"kept\""));
    assert_eq!(v("url").as_deref(), Some("a=b=c"));
    assert_eq!(v("extra").as_deref(), Some("merged"));
    assert_eq!(v("bad key"), None);
    assert_eq!(
        set.get("dev").unwrap().keys().collect::<Vec<_>>(),
        ["aws_access_key_id", "extra", "quoted", "region", "url"]
    );
    assert_eq!(set.names().collect::<Vec<_>>(), ["dev", "other"]);
    // Valid name characters.
    let set = parse(FileKind::Credentials, "[a-Z_0.9/%@:+]\nk = v\n").unwrap();
    assert_eq!(value(&set, "a-Z_0.9/%@:+", "k").as_deref(), Some("v"));
}

#[test]
fn crlf_line_endings() {
    let set = parse(
        FileKind::Config,
        "[profile dev]\r\nregion = us-east-1\r\nlong = a\r\n  b\r\n",
    )
    .unwrap();
    assert_eq!(value(&set, "dev", "region").as_deref(), Some("us-east-1"));
    assert_eq!(value(&set, "dev", "long").as_deref(), Some("a\nb"));
}

// ---------------------------------------------------------------------------------------------
// File locations

#[test]
fn home_expansion_and_overrides() {
    let home = home("home_expansion_and_overrides");
    let env0 = env(&home, &[]);
    assert_eq!(profile_file_path(&env0, FileKind::Config), home.join(".aws/config"));
    assert_eq!(
        profile_file_path(&env0, FileKind::Credentials),
        home.join(".aws/credentials")
    );

    write(&home, "custom/my-config", "[profile dev]\nregion = ap-south-1\n");
    let creds = write(
        &home,
        "elsewhere/creds",
        "[dev]\naws_access_key_id = A\naws_secret_access_key = S\n",
    );
    let env1 = env(
        &home,
        &[
            ("AWS_CONFIG_FILE", "~/custom/my-config"),
            ("AWS_SHARED_CREDENTIALS_FILE", creds.to_str().unwrap()),
            ("AWS_PROFILE", "dev"),
        ],
    );
    assert_eq!(
        profile_file_path(&env1, FileKind::Config),
        home.join("custom/my-config")
    );
    assert_eq!(profile_file_path(&env1, FileKind::Credentials), creds);
    assert_eq!(region_from_env(&env1).unwrap(), "ap-south-1");
    assert_eq!(keys(&chain(env1).unwrap()), ("A", "S", None));

    // Only a leading `~` component is the home directory.
    let env2 = env(
        &home,
        &[
            ("AWS_CONFIG_FILE", "~user/config"),
            ("AWS_SHARED_CREDENTIALS_FILE", "/a/~/b"),
        ],
    );
    assert_eq!(
        profile_file_path(&env2, FileKind::Config),
        PathBuf::from("~user/config")
    );
    assert_eq!(profile_file_path(&env2, FileKind::Credentials), PathBuf::from("/a/~/b"));

    // Without a home directory the path stays as it is.
    let no_home = Env::from_pairs(&[]);
    if !cfg!(windows) {
        assert_eq!(
            profile_file_path(&no_home, FileKind::Config),
            PathBuf::from("~/.aws/config")
        );
    }
    assert_eq!(no_home.home_dir(), None);
}

// ---------------------------------------------------------------------------------------------
// Region and max attempts

#[test]
fn region_precedence() {
    let home = home("region_precedence");
    write(&home, ".aws/config", "[default]\nregion = eu-central-1\n[profile base]\nregion = sa-east-1\n[profile child]\nsource_profile = base\n[profile loop]\nsource_profile = loop\n");
    let region = |vars: &[(&str, &str)]| region_from_env(&env(&home, vars));
    assert_eq!(
        region(&[("AWS_REGION", "us-east-1"), ("AWS_DEFAULT_REGION", "us-west-2")]).unwrap(),
        "us-east-1"
    );
    assert_eq!(region(&[("AWS_DEFAULT_REGION", "us-west-2")]).unwrap(), "us-west-2");
    assert_eq!(
        region(&[("AWS_REGION", ""), ("AWS_DEFAULT_REGION", "us-west-2")]).unwrap(),
        "us-west-2",
        "empty is unset"
    );
    assert_eq!(region(&[("AWS_REGION", "  ")]).unwrap(), "eu-central-1");
    assert_eq!(region(&[]).unwrap(), "eu-central-1");
    assert_eq!(
        region(&[("AWS_PROFILE", "child")]).unwrap(),
        "sa-east-1",
        "follows source_profile"
    );
    assert_eq!(
        region(&[("AWS_PROFILE", "loop")]),
        Err(SettingError::NoRegion { profile: "loop".into() })
    );
}

#[test]
fn invalid_regions_name_their_origin() {
    let home = home("invalid_regions_name_their_origin");
    write(&home, ".aws/config", "[default]\nregion = x/evil\n");
    let err = region_from_env(&env(&home, &[("AWS_REGION", "us east 1")])).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid value \"us east 1\" in environment variable AWS_REGION: expected a region name such as us-east-1"
    );
    let err = region_from_env(&env(&home, &[])).unwrap_err();
    assert_eq!(
        err,
        SettingError::Invalid {
            origin: "`region` of profile `default`".into(),
            value: "x/evil".into(),
            expected: "a region name such as us-east-1"
        }
    );
}

#[test]
fn max_attempts() {
    let home = home("max_attempts");
    write(
        &home,
        ".aws/config",
        "[default]\nmax_attempts = 5\n[profile zero]\nmax_attempts = 0\n",
    );
    let attempts = |vars: &[(&str, &str)]| max_attempts_from_env(&env(&home, vars));
    assert_eq!(attempts(&[("AWS_MAX_ATTEMPTS", "7")]), Ok(Some(7)));
    assert_eq!(attempts(&[("AWS_MAX_ATTEMPTS", " 1 ")]), Ok(Some(1)));
    assert_eq!(attempts(&[]), Ok(Some(5)));
    assert_eq!(attempts(&[("AWS_MAX_ATTEMPTS", "")]), Ok(Some(5)), "empty is unset");
    for bad in ["0", "-1", "three", "2.5", "99999999999"] {
        let err = attempts(&[("AWS_MAX_ATTEMPTS", bad)]).unwrap_err();
        assert!(
            matches!(&err, SettingError::Invalid { value, .. } if value == bad),
            "{bad}: {err:?}"
        );
    }
    let err = attempts(&[("AWS_PROFILE", "zero")]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid value \"0\" in `max_attempts` of profile `zero`: expected an integer of at least 1"
    );
}

#[test]
fn request_compression_settings() {
    let home = home("request_compression");
    write(
        &home,
        ".aws/config",
        "[default]\ndisable_request_compression = TRUE\nrequest_min_compression_size_bytes = 0\n\
         [profile bad]\nrequest_min_compression_size_bytes = 10485761\n[profile unset]\nregion = us-east-1\n",
    );
    let config = |vars: &[(&str, &str)]| {
        let keys = [("AWS_REGION", "us-east-1"), ("AWS_ACCESS_KEY_ID", "AKID"), ("AWS_SECRET_ACCESS_KEY", "secret")];
        Config::from_env_with(&env(&home, &[&keys[..], vars].concat()))
    };
    let read = |vars: &[(&str, &str)]| {
        let config = config(vars).unwrap();
        (config.disable_request_compression(), config.request_min_compression_size_bytes())
    };
    assert_eq!(read(&[]), (true, 0), "the profile's, in any case");
    assert_eq!(read(&[("AWS_PROFILE", "unset")]), (false, 10240), "the defaults");
    let both = [("AWS_DISABLE_REQUEST_COMPRESSION", "false"), ("AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES", "10485760")];
    assert_eq!(read(&both), (false, 10_485_760), "the environment wins");
    for (variable, bad, expected) in [
        ("AWS_DISABLE_REQUEST_COMPRESSION", "yes", "`true` or `false`"),
        ("AWS_DISABLE_REQUEST_COMPRESSION", "1", "`true` or `false`"),
        ("AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES", "10485761", "an integer from 0 to 10485760"),
        ("AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES", "-1", "an integer from 0 to 10485760"),
        ("AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES", "10k", "an integer from 0 to 10485760"),
    ] {
        let err = config(&[(variable, bad)]).unwrap_err();
        assert_eq!(err.to_string(), format!("invalid value \"{bad}\" in environment variable {variable}: expected {expected}"));
    }
    let err = config(&[("AWS_PROFILE", "bad")]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid value \"10485761\" in `request_min_compression_size_bytes` of profile `bad`: expected an integer from 0 to 10485760"
    );
}

// ---------------------------------------------------------------------------------------------
// Providers and secrets

#[test]
fn static_and_shared_providers() {
    let c = Credentials::new("AKID", "SECRET", Some("TOKEN".into()));
    assert_eq!(c.provide_credentials().unwrap(), c);
    let shared: Arc<dyn ProvideCredentials> = Arc::new(c.clone());
    assert_eq!(shared.provide_credentials().unwrap(), c);
    let boxed: Box<dyn ProvideCredentials> = Box::new(c.clone());
    assert_eq!(boxed.provide_credentials().unwrap(), c);
    let expiry = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1);
    assert_eq!(c.clone().with_expiry(expiry).expiry(), Some(expiry));
    assert_eq!(c.expiry(), None);
}

#[test]
fn expired_credentials_are_an_error() {
    // 2026-01-02T03:04:05Z
    let expiry = UNIX_EPOCH + Duration::from_secs(1_767_323_045);
    let c = Credentials::new("AKID", "SECRET", Some("TOKEN".into())).with_expiry(expiry);
    assert_eq!(c.clone().unexpired_at(expiry - Duration::from_secs(1)), Ok(c.clone()));
    for now in [expiry, expiry + Duration::from_secs(3600)] {
        let err = c.clone().unexpired_at(now).unwrap_err();
        assert_eq!(err, CredentialsError::Expired { expiry });
        assert_eq!(err.to_string(), "the credentials expired at 20260102T030405Z");
    }
    // Static credentials, from the environment or a file, have no expiry.
    let home = home("expired_credentials_are_an_error");
    write(&home, ".aws/credentials", "[default]\naws_access_key_id = A\naws_secret_access_key = S\n");
    let far = UNIX_EPOCH + Duration::from_secs(1 << 40);
    assert!(chain(env(&home, &[])).unwrap().unexpired_at(far).is_ok());
    let env = env(&home, &[("AWS_ACCESS_KEY_ID", "E"), ("AWS_SECRET_ACCESS_KEY", "S")]);
    assert!(EnvironmentCredentials::new(env).provide_credentials().unwrap().unexpired_at(far).is_ok());
}

#[test]
fn debug_output_never_shows_secrets() {
    let c = Credentials::new("AKIDVISIBLE", "TOPSECRET", Some("SESSIONTOKEN".into()));
    let shown = format!("{c:?}");
    assert!(shown.contains("AKIDVISIBLE"), "{shown}");
    assert!(
        !shown.contains("TOPSECRET") && !shown.contains("SESSIONTOKEN"),
        "{shown}"
    );
    assert_eq!(
        shown,
        "Credentials { access_key_id: \"AKIDVISIBLE\", secret_access_key: \"** redacted **\", \
         session_token: Some(\"** redacted **\"), expiry: None }"
    );
    assert!(format!("{:?}", Credentials::new("A", "B", None)).contains("session_token: None"));

    let env = Env::from_pairs(&[("AWS_SECRET_ACCESS_KEY", "TOPSECRET")]);
    let shown = format!("{env:?} {:?}", DefaultCredentialsChain::new(env.clone()));
    assert!(
        shown.contains("AWS_SECRET_ACCESS_KEY") && !shown.contains("TOPSECRET"),
        "{shown}"
    );
    // Nor once the files it read are kept.
    let home = home("debug_output_never_shows_secrets");
    let path = write(&home, ".aws/credentials", "[default]\naws_access_key_id = A\naws_secret_access_key = TOPSECRET\n");
    let provider = DefaultCredentialsChain::new(self::env(&home, &[]));
    provider.provide_credentials().unwrap();
    let shown = format!("{provider:?}");
    assert!(shown.contains(path.to_str().unwrap()) && !shown.contains("TOPSECRET"), "{shown}");

    let set = parse(
        FileKind::Credentials,
        "[default]\naws_access_key_id = A\naws_secret_access_key = TOPSECRET\n",
    )
    .unwrap();
    let shown = format!("{set:?}");
    assert!(
        shown.contains("aws_secret_access_key") && !shown.contains("TOPSECRET"),
        "{shown}"
    );
}
