/// `realworld/dhl_parcel_de/`.
extension RealWorldCorpus {
    static let dhlParcelDE: [RealWorldCase] = [
        .init("dhl_parcel_de/piece-detail-packstation-delivered-neighbour.xml", "dhl", .shipments([
            .init(trackingNumber: "00340434161094042557", status: "delivered", deliveredAt: "2016-03-18T09:02:00.000Z",
                  signedBy: "Kraemer", events: [
                .e("in_transit", "2016-03-17T10:21:00.000Z", "picked_up"),
                .e("in_transit", "2016-03-17T12:23:00.000Z"),
                .e("in_transit", "2016-03-17T15:18:00.000Z", "picked_up"),
                .e("in_transit", "2016-03-17T17:12:00.000Z", "processed_at_facility"),
                .e("in_transit", "2016-03-18T02:24:00.000Z", "processed_at_facility"),
                .e("out_for_delivery", "2016-03-18T08:02:00.000Z", "out_for_delivery"),
                .e("delivered", "2016-03-18T09:02:00.000Z"),
            ]),
        ]), note: "'dd.MM.yyyy HH:mm' in Europe/Berlin, CET (+01:00) in March 2016; posting at a PACKSTATION is the sender handing the parcel over; recipient-name is the person who took it ('different person present')"),
    ]
}
