/// `realworld/aftership/`.
extension RealWorldCorpus {
    static let afterShip: [RealWorldCase] = [
        .init("aftership/error-4003-already-exists.json", "aftership",
              .notices([.init(kind: .error, containing: "already exists")]),
              note: "meta.code 4003 on a create: an error answer, the data block only echoes the number"),
        .init("aftership/v4-502-plain-text-body.txt", "aftership", .unsupported,
              note: "a plain-text 502 body ('Interal Error'): nothing claims it; the AfterShip adapter refuses it quoting the text (AfterShipTests)"),
        .init("aftership/v4-last-checkpoint-by-id.json", "aftership", .shipments([
            .init(trackingNumber: "3SKAAG5995399", status: "in_transit", deliveredAt: .some(nil), events: [
                .e("in_transit", "2021-03-25T09:59:00.000Z", "arrived_facility"),
            ]),
        ]), note: "checkpoint_time carries +01:00; InTransit_004 = arrived in the destination country (ES)"),
        .init("aftership/v4-tracking-postnl-3s-nl-es-in-transit.json", "aftership", .shipments([
            .init(trackingNumber: "3SKAAG5995399", status: "in_transit", deliveredAt: .some(nil), signedBy: .some(nil), events: [
                .e("info_received", "2021-03-20T14:29:27.000Z"),
                .e("info_received", "2021-03-20T14:29:56.000Z"),
                .e("in_transit", "2021-03-20T14:32:37.000Z"),
                .e("in_transit", "2021-03-22T17:33:57.000Z"),
                .e("in_transit", "2021-03-22T17:36:04.000Z"),
                .e("in_transit", "2021-03-25T09:59:00.000Z", "arrived_facility"),
            ]),
        ]), note: "all times +01:00 (CET, before the 28 March switch); the two 'Shipment expected' checkpoints differ by 29 s and both stay"),
        .init("aftership/v4-trackings-list-4px-pending.json", "aftership", .shipments([
            .init(trackingNumber: "HH19260817", status: "pending", deliveredAt: .some(nil), events: []),
        ]), note: "tag Pending with no checkpoints: a tracking AfterShip holds without carrier data yet"),
    ]
}
