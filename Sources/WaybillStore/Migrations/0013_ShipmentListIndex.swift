extension Migration {
    /// Operations (issue 16): the shipment list (`GET /v1/shipments`, newest first, by cursor)
    /// sorted all of a tenant's shipments for every page; with this index it reads one page.
    static let v0013ShipmentListIndex = Migration(version: 13, name: "shipment_list_index") { _ in
        ["CREATE INDEX shipments_by_tenant ON shipments (tenant_id, id)"]
    }
}
