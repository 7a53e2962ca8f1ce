/// `realworld/dpd/`.
extension RealWorldCorpus {
    static let dpd: [RealWorldCase] = [
        .init("dpd/parcellifecycle-in-transit-puurs.xml", "dpd", .shipments([
            .init(trackingNumber: "", status: "in_transit", deliveredAt: .some(nil), events: [
                .e("in_transit", "2021-08-19T20:41:25.000Z", local: "2021-08-19T22:41:25"),
                .e("in_transit", "2021-08-19T21:32:00.000Z", local: "2021-08-19T23:32:00"),
            ]),
        ]), note: "the answer does not repeat the parcel number; '8/19/2021 10:41:25 PM' is Puurs (BE) local time, CEST +02:00; SHIPMENT not reached is no event"),
    ]
}
