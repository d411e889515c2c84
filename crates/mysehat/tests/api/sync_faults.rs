//! The server killed in the middle of a push, as a phone on a flaky network sees it: the phone
//! retries the same push against the restarted server, and every record exists exactly once.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const VILLAGE: &str = "https://mysehat.in/fhir/CodeSystem/village";
const HOUSEHOLD: &str = "https://mysehat.in/fhir/CodeSystem/household";

fn start(data: &std::path::Path, port: u16) -> Child {
    Command::new(env!("CARGO_BIN_EXE_mysehat"))
        .args(["serve", "--demo"])
        .env_remove("DATABASE_URL")
        .env("PORT", port.to_string())
        .env("MYSEHAT_HOST", "127.0.0.1")
        .env("MYSEHAT_DATA_DIR", data)
        .env("MYSEHAT_LOG_FORMAT", "pretty")
        .env("RUST_LOG", "error")
        .env("JWT_SECRET_KEY", "sync-fault-test-key")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the server starts")
}

async fn healthy(client: &reqwest::Client, base: &str) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if let Ok(r) = client.get(format!("{base}/health")).send().await
            && r.status().is_success()
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the server did not come up");
}

async fn login(client: &reqwest::Client, base: &str) -> String {
    let r: Value = client
        .post(format!("{base}/auth/login"))
        .json(&json!({"phone": "+919000000003", "password": "mysehat-demo"}))
        .send()
        .await
        .expect("login")
        .json()
        .await
        .expect("json");
    r["access_token"].as_str().expect("token").to_owned()
}

/// 60 households of one head and four members each: 300 mutations in 60 groups.
fn day_of_work() -> Value {
    let tag = |hh: &str| json!({"tag": [{"system": VILLAGE, "code": "demo-village-rampur"}, {"system": HOUSEHOLD, "code": hh}]});
    let mut seq = 0;
    let mut groups = vec![];
    for h in 0..60 {
        let hh = format!("hh-{h}");
        let members: Vec<String> = (0..4).map(|m| format!("p-{h}-{m}")).collect();
        let mut mutations = vec![];
        let group = json!({"resourceType": "Group", "id": hh, "meta": tag(&hh), "type": "person", "actual": true,
            "member": members.iter().map(|m| json!({"entity": {"reference": format!("Patient/{m}")}})).collect::<Vec<_>>()});
        for resource in std::iter::once(group).chain(members.iter().map(|m| {
            json!({"resourceType": "Patient", "id": m, "meta": tag(&hh), "gender": "female",
                   "name": [{"given": ["Asha"], "family": format!("Household {h}")}]})
        })) {
            seq += 1;
            mutations.push(json!({"id": format!("mut-{seq}"), "seq": seq, "op": "put",
                "type": resource["resourceType"], "resource_id": resource["id"], "base_version": null, "resource": resource}));
        }
        groups.push(json!({"mutations": mutations}));
    }
    json!({"device": "phone-1", "groups": groups})
}

#[tokio::test]
async fn a_server_killed_mid_push_loses_and_doubles_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("port")
        .local_addr()
        .expect("addr")
        .port();
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    let mut server = start(dir.path(), port);
    healthy(&client, &base).await;
    let token = login(&client, &base).await;
    let push = day_of_work();

    // The push is under way when the server dies (SIGKILL: no graceful anything).
    let in_flight = {
        let (client, base, token, push) =
            (client.clone(), base.clone(), token.clone(), push.clone());
        tokio::spawn(async move {
            client
                .post(format!("{base}/sync/push"))
                .bearer_auth(token)
                .json(&push)
                .send()
                .await
        })
    };
    // Killed as soon as the first groups are committed, so the push is cut in the middle.
    let store = mysehat_storage::SqliteStore::open(&dir.path().join("mysehat.db"))
        .await
        .expect("open");
    let seqs: Vec<i64> = (1..=300).collect();
    let committed = || async {
        mysehat_storage::sync::SyncStore::sync_receipts(&store, "phone-1", &seqs)
            .await
            .expect("receipts")
            .len()
    };
    let deadline = Instant::now() + Duration::from_secs(30);
    while committed().await == 0 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    server.kill().expect("killed");
    server.wait().expect("gone");
    let lost = in_flight.await.expect("task");
    assert!(
        lost.is_err() || lost.is_ok_and(|r| r.status().is_success()),
        "the phone saw an error or the whole answer"
    );

    let before = committed().await;
    assert!(
        before > 0 && before < 300,
        "the kill should land mid-push: {before} of 300 committed"
    );
    assert_eq!(before % 5, 0, "groups commit whole: {before}");
    drop(store);

    let mut server = start(dir.path(), port);
    healthy(&client, &base).await;
    let token = login(&client, &base).await;
    let retry = client
        .post(format!("{base}/sync/push"))
        .bearer_auth(&token)
        .json(&push)
        .send()
        .await
        .expect("retry");
    assert!(retry.status().is_success(), "{}", retry.status());
    let answer: Value = retry.json().await.expect("json");
    let results: Vec<&Value> = answer["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .flat_map(|g| g["results"].as_array().expect("results"))
        .collect();
    assert_eq!(results.len(), 300);
    assert!(
        results
            .iter()
            .all(|r| r["status"] == "applied" && r["version"] == 1),
        "{answer}"
    );

    // The phone's view: every record once, at version 1.
    let mut cursor = String::new();
    let mut seen = std::collections::HashMap::new();
    loop {
        let page: Value = client
            .get(format!("{base}/sync/pull?limit=1000&cursor={cursor}"))
            .bearer_auth(&token)
            .send()
            .await
            .expect("pull")
            .json()
            .await
            .expect("json");
        for c in page["changes"].as_array().expect("changes") {
            let key = format!(
                "{}/{}",
                c["type"].as_str().expect("type"),
                c["id"].as_str().expect("id")
            );
            assert_eq!(c["version"], 1, "{key} was written twice");
            assert!(
                seen.insert(key.clone(), ()).is_none(),
                "{key} arrived twice"
            );
        }
        cursor = page["cursor"].as_str().expect("cursor").to_owned();
        if page["more"] == false {
            break;
        }
    }
    assert_eq!(seen.len(), 300, "no record lost");
    server.kill().expect("stopped");
    server.wait().expect("gone");
}
