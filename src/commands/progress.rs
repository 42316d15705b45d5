//! A spinner on standard error for builds that take longer than a second.
//!
//! Only a terminal sees it: when standard error is a file or a pipe (CI, tests, scripts),
//! nothing is drawn, so output stays the same bytes everywhere.

use std::io::IsTerminal;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

/// How long a build runs before the spinner appears.
const DELAY: Duration = Duration::from_secs(1);

/// A spinner that shows itself after [`DELAY`] and disappears when dropped.
pub struct Spinner {
    done: Option<mpsc::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Spinner {
    /// Starts the clock for a spinner with `message`; draws nothing unless stderr is a terminal.
    pub fn after_a_second(message: String) -> Self {
        if !std::io::stderr().is_terminal() {
            return Self {
                done: None,
                thread: None,
            };
        }
        let (done, finished) = mpsc::channel::<()>();
        let thread = std::thread::spawn(move || {
            if finished.recv_timeout(DELAY) != Err(RecvTimeoutError::Timeout) {
                return;
            }
            let spinner = ProgressBar::new_spinner()
                .with_message(message)
                .with_elapsed(DELAY);
            spinner.set_style(
                ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
                    .expect("a valid template"),
            );
            spinner.enable_steady_tick(Duration::from_millis(120));
            let _ = finished.recv();
            spinner.finish_and_clear();
        });
        Self {
            done: Some(done),
            thread: Some(thread),
        }
    }
}

impl Drop for Spinner {
    fn drop(&mut self) {
        drop(self.done.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
