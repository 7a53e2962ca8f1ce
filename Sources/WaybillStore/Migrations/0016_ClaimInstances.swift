extension Migration {
    /// Several instances (issue 16): outbox deliveries and poll leases name the instance that
    /// claimed them, as parse jobs do since migration 12, so the claims of an instance that
    /// stopped heartbeating are taken over after `SQLStore.instanceSilence` instead of their
    /// whole lease (a minute for deliveries, two for polls).
    static let v0016ClaimInstances = Migration(version: 16, name: "claim_instances") { _ in
        ["ALTER TABLE notification_messages ADD COLUMN lease_instance TEXT",
         "ALTER TABLE shipments ADD COLUMN poll_lease_instance TEXT",
         "ALTER TABLE shipment_legs ADD COLUMN poll_lease_instance TEXT"]
    }
}
