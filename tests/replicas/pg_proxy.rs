//! A TCP relay in front of PostgreSQL that can take the database away and
//! bring it back: every connection cut (after the server told its sessions
//! it is shutting down) and new ones refused, which is what a database
//! restart looks like from the bot, without restarting a server other tests
//! share.

use std::sync::{Arc, Mutex};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

#[derive(Default)]
struct State {
    accepting: Option<JoinHandle<()>>,
    relays: Vec<(JoinHandle<()>, u16)>,
}

pub struct PgProxy {
    pub port: u16,
    upstream: String,
    state: Arc<Mutex<State>>,
}

impl PgProxy {
    pub async fn start(upstream: String) -> PgProxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let proxy = PgProxy {
            port,
            upstream,
            state: Arc::new(Mutex::new(State::default())),
        };
        proxy.accept(listener);
        proxy
    }

    fn accept(&self, listener: TcpListener) {
        let (shared, upstream) = (self.state.clone(), self.upstream.clone());
        let accepting = tokio::spawn(async move {
            loop {
                let Ok((mut client, _)) = listener.accept().await else {
                    return;
                };
                let Ok(mut server) = TcpStream::connect(&upstream).await else {
                    continue;
                };
                let local_port = server.local_addr().map(|a| a.port()).unwrap_or(0);
                let relay = tokio::spawn(async move {
                    let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
                });
                let mut state = shared.lock().unwrap();
                state.relays.retain(|(r, _)| !r.is_finished());
                state.relays.push((relay, local_port));
            }
        });
        self.state.lock().unwrap().accepting = Some(accepting);
    }

    /// The client ports the server sees for the relayed sessions.
    pub fn session_ports(&self) -> Vec<i32> {
        let state = self.state.lock().unwrap();
        state
            .relays
            .iter()
            .filter(|(r, _)| !r.is_finished())
            .map(|(_, port)| i32::from(*port))
            .collect()
    }

    /// Cuts every relayed connection and stops listening: connecting is
    /// refused, as with a server that is down.
    pub fn go_down(&self) {
        let mut state = self.state.lock().unwrap();
        if let Some(accepting) = state.accepting.take() {
            accepting.abort();
        }
        for (relay, _) in state.relays.drain(..) {
            relay.abort();
        }
    }

    /// Listens again on the same port.
    pub async fn come_up(&self) {
        let mut tries = 0;
        let listener = loop {
            match TcpListener::bind(("127.0.0.1", self.port)).await {
                Ok(listener) => break listener,
                Err(error) => {
                    tries += 1;
                    assert!(tries < 100, "cannot listen on {} again: {error}", self.port);
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                }
            }
        };
        self.accept(listener);
    }
}
