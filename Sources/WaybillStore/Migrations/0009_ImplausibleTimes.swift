extension Migration {
    /// Truth on real-world payloads (issue 13): `events.implausible_time` marks an event whose
    /// carrier time cannot be right (later than the document that reported it, or before 2000).
    /// It is kept, with its local time and no instant, and does not move the shipment's status.
    static let v0009ImplausibleTimes = Migration(version: 9, name: "implausible_times") { d in
        ["ALTER TABLE events ADD COLUMN implausible_time \(d.bigint) NOT NULL DEFAULT 0"]
    }
}
