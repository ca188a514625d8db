//! Which rows and recipients are taken: a row in flight is sent by one
//! task only, and a reserved recipient is left to `deliver_now`.

use super::*;

/// See [`Sender::reserve`].
pub struct Reservation<T: Transport> {
    sender: Arc<Sender<T>>,
    recipient: String,
}

impl<T: Transport> Drop for Reservation<T> {
    fn drop(&mut self) {
        self.sender
            .reserved
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&self.recipient);
    }
}

impl<T: Transport> Sender<T> {
    /// Keeps the loop away from a recipient until the returned guard is
    /// dropped, so that `deliver_now` sends its next row and learns the
    /// outcome (a first DM that may find the member's DMs closed).
    pub fn reserve(self: &Arc<Self>, recipient: &str) -> Reservation<T> {
        self.reserved
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(recipient.to_owned());
        Reservation {
            sender: self.clone(),
            recipient: recipient.to_owned(),
        }
    }

    pub(super) fn is_reserved(&self, recipient: &str) -> bool {
        self.reserved
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .contains(recipient)
    }

    pub(super) fn hold(&self, id: i64) -> bool {
        self.in_flight
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(id)
    }

    pub(super) fn release(&self, id: i64) {
        self.in_flight
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&id);
    }
}
